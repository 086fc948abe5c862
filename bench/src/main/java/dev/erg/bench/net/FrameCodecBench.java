package dev.erg.bench.net;

import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one message frame with the wire codec, on one thread: a small
 * send-only call ({@code ping(n)}) and a call with an answer position and a map argument.
 * Baseline: none in-process; compare with the messages per second the network carries in
 * {@link FramedEchoBench} to see whether the codec or the network is the limit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class FrameCodecBench {

    private final WireCodec codec = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());
    private final Message small = new Message.DeliverOnly(new Descriptor.Export(0), "ping", List.of(42L));
    private final Message call = new Message.Deliver(new Descriptor.Answer(7), "transfer",
            List.of("alice", 1_000L, Map.of("memo", "rent", "priority", 2L)), OptionalLong.of(8), Optional.empty());
    /** A call as a long-running client sends it: a 64-byte payload, positions past 65,535 (4-byte heads). */
    private final Message echo = new Message.Deliver(new Descriptor.Export(0), "echo", List.of(new byte[64]),
            OptionalLong.of(1_234_567), Optional.of(new Descriptor.ImportObject(70_001)));
    private ByteBuf out;
    private ByteBuf smallFrame;
    private ByteBuf callFrame;
    private ByteBuf echoFrame;

    @Setup
    public void setUp() {
        out = PooledByteBufAllocator.DEFAULT.buffer(256);
        smallFrame = PooledByteBufAllocator.DEFAULT.buffer(64);
        codec.encode(small, ReferenceEncoder.none(), smallFrame);
        callFrame = PooledByteBufAllocator.DEFAULT.buffer(256);
        codec.encode(call, ReferenceEncoder.none(), callFrame);
        echoFrame = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        codec.encode(echo, ReferenceEncoder.none(), echoFrame);
    }

    @TearDown
    public void tearDown() {
        out.release();
        smallFrame.release();
        callFrame.release();
        echoFrame.release();
    }

    @Benchmark
    public ByteBuf encodeSmall() {
        out.clear();
        codec.encode(small, ReferenceEncoder.none(), out);
        return out;
    }

    @Benchmark
    public ByteBuf encodeCall() {
        out.clear();
        codec.encode(call, ReferenceEncoder.none(), out);
        return out;
    }

    @Benchmark
    public Message decodeSmall() {
        return codec.decode(smallFrame.duplicate(), ReferenceDecoder.none());
    }

    @Benchmark
    public Message decodeCall() {
        return codec.decode(callFrame.duplicate(), ReferenceDecoder.none());
    }

    @Benchmark
    public ByteBuf encodeEcho() {
        out.clear();
        codec.encode(echo, ReferenceEncoder.none(), out);
        return out;
    }

    @Benchmark
    public Message decodeEcho() {
        return codec.decode(echoFrame.duplicate(), ReferenceDecoder.none());
    }
}
