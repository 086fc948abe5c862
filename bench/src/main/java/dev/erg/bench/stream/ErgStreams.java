package dev.erg.bench.stream;

import dev.erg.bench.captp.CapTpBench;
import dev.erg.bench.captp.PeerProcess;
import dev.erg.bench.wire.Payload;
import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.stream.StreamWriter;
import dev.erg.stream.Window;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Erg streams from this JVM to the {@link StreamSink} of a {@link StreamPeer}, over one
 * {@link Node} with the defaults (so one link for every stream). Each stream is written by a
 * {@link StreamWriter} in a writer vat of its own (one per slot, kept across runs) and read by
 * a {@code StreamReader} in the peer's vat of the same slot; the writer's {@code ReceivePort}
 * is what crosses.
 */
final class ErgStreams implements AutoCloseable {

    private final PeerProcess peer;
    private final VatRuntime runtime;
    private final Node node;
    private final StreamSink sink;
    private final List<Vat> vats = new ArrayList<>();

    /** Starts the peer, ready for up to {@code maxStreams} streams at once. */
    ErgStreams(int maxStreams) throws Exception {
        peer = PeerProcess.start(StreamPeer.class, String.valueOf(maxStreams));
        runtime = VatRuntime.builder().threads(Runtime.getRuntime().availableProcessors()).build();
        node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty());
        sink = node.connect(SturdyRef.parse(peer.address()), StreamSink.class).join(StreamCompare.WAIT);
    }

    /** The peer's process, whose CPU time a bulk transfer counts. */
    ProcessHandle peerProcess() {
        return ProcessHandle.of(peer.pid()).orElseThrow();
    }

    /** Writes {@code total} bytes as {@code chunk}-sized items on one stream; bytes per second until the reader's count arrives. */
    double bulk(long total, byte[] chunk, Window window) throws Exception {
        long start = System.nanoTime();
        Opened stream = open(0, window, n -> chunk, total / chunk.length);
        long read = stream.await();
        if (read != total) {
            throw new IllegalStateException("the reader read " + read + " bytes of " + total);
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** Writes {@link Payload}s on one stream for {@code seconds}; items per second until the reader's count arrives. */
    double items(int seconds, Window window) throws Exception {
        long start = System.nanoTime();
        Opened stream = open(0, window, Payload::of, Long.MAX_VALUE);
        TimeUnit.SECONDS.sleep(seconds);
        stream.pump.stop();
        long items = stream.await() / Payload.SIZE;
        return items / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Opens {@code streams} streams at once, each writing {@link Payload}s as fast as it may;
     * after {@code warmUp} seconds, counts what each reader takes in the next {@code seconds}
     * (from the peer's tallies, read at one moment at each end), then weighs the heap of the
     * peer and of this JVM with every stream still writing, then closes them all.
     */
    Fairness fairness(int streams, Window window, int warmUp, int seconds) throws Exception {
        long heapIdle = peer.heap();
        List<Opened> opened = new ArrayList<>(streams);
        for (int slot = 0; slot < streams; slot++) {
            opened.add(open(slot, window, Payload::of, Long.MAX_VALUE));
        }
        TimeUnit.SECONDS.sleep(warmUp);
        List<Long> before = sink.tallies(streams).join(StreamCompare.WAIT);
        long from = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        List<Long> after = sink.tallies(streams).join(StreamCompare.WAIT);
        double took = (System.nanoTime() - from) / 1e9;
        List<Long> windows = sink.windows(streams).join(StreamCompare.WAIT);
        long heapBusy = peer.heap();
        long writerHeap = CapTpBench.usedHeapAfterGc();
        opened.forEach(stream -> stream.pump.stop());
        for (Opened stream : opened) {
            stream.await();
        }
        long[] items = new long[streams];
        for (int i = 0; i < streams; i++) {
            items[i] = after.get(i) - before.get(i);
        }
        return new Fairness(items, took, heapIdle, heapBusy, writerHeap, windows.stream().mapToLong(Long::longValue).toArray());
    }

    /** A stream being written by {@code pump}; {@code read} completes with the bytes its reader read. */
    private record Opened(Pump pump, CompletableFuture<Long> read) {
        long await() throws Exception {
            return read.get(StreamCompare.WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Opens a stream from writer vat {@code slot} to the peer's reader of that slot, and starts its pump. */
    private Opened open(int slot, Window window, LongFunction<byte[]> items, long limit) {
        Pump pump = new Pump(items, limit);
        CompletableFuture<Long> read = new CompletableFuture<>();
        vat(slot).run(() -> {
            StreamWriter<byte[]> writer = StreamWriter.open(byte[].class);
            sink.read(writer.receivePort(), slot, window.items(), window.bytes(), window.maxItems(), window.maxBytes())
                    .when(read::complete, problem -> read.completeExceptionally(new ProblemException(problem)));
            pump.start(writer);
        });
        return new Opened(pump, read);
    }

    /** Called on the benchmark's thread only. */
    private Vat vat(int slot) {
        while (vats.size() <= slot) {
            vats.add(runtime.newVat("writer-" + vats.size()));
        }
        return vats.get(slot);
    }

    @Override
    public void close() throws Exception {
        node.close();
        runtime.close();
        peer.close();
    }
}
