/*
 * Workload: one CapTP call at a time between two sessions of one JVM joined in memory, with
 * the real wire codec and no network or TLS: the client calls WireEcho.echo with a 64-byte
 * payload on the server's bootstrap object and joins the answer. Each message is encoded on
 * the thread that sends it, as a Link does, and decoded and received on one thread per
 * direction, as a link's event loop does; the echo object lives in a vat of its own. Scores
 * are calls per second; with -prof gc, gc.alloc.rate.norm is the bytes allocated per call by
 * both sides together, codec included: what the engine costs per call, apart from the network.
 * Baseline: the same call across two processes over TLS is WireCompare's Erg row.
 */
package dev.erg.bench.captp;

import dev.erg.bench.wire.WireEcho;
import dev.erg.captp.session.Session;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.WireCodec;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class SessionCallBench {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WireCodec codec = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());
    private VatRuntime runtime;
    private ExecutorService toServer;
    private ExecutorService toClient;
    private Session client;
    private Session server;
    private WireEcho echo;
    private byte[] payload;

    @Setup
    public void setUp() {
        runtime = VatRuntime.create();
        toServer = Executors.newSingleThreadExecutor(r -> new Thread(r, "to-server"));
        toClient = Executors.newSingleThreadExecutor(r -> new Thread(r, "to-client"));
        WireEcho served = runtime.newVat("echo").export(new WireEcho() {
            @Override
            public Promise<byte[]> echo(byte[] given) {
                return Promise.of(given);
            }

            @Override
            public Promise<WireEcho> next() {
                return Promise.of(this);
            }
        }, WireEcho.class);
        client = new Session(runtime.newVat("client-session"), m -> carry(m, true), new Object(), "server");
        server = new Session(runtime.newVat("server-session"), m -> carry(m, false), served, "client");
        echo = Refs.remote(client.peerBootstrap(), WireEcho.class);
        payload = new byte[64];
    }

    /** Encodes on the sending thread and receives on the other side's thread, in order. */
    private void carry(Message message, boolean toTheServer) {
        Session from = toTheServer ? client : server;
        Session to = toTheServer ? server : client;
        byte[] frame = codec.encode(message, from.encoder());
        (toTheServer ? toServer : toClient).execute(() -> to.receive(codec.decode(frame, to.decoder())));
    }

    @Benchmark
    public byte[] call() {
        return echo.echo(payload).join(WAIT);
    }

    @TearDown
    public void tearDown() {
        toServer.shutdownNow();
        toClient.shutdownNow();
        runtime.close();
    }
}
