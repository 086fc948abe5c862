package dev.erg.bench.stream;

import dev.erg.bench.wire.ErgSystem;
import dev.erg.bench.wire.Payload;
import dev.erg.bench.wire.Sender;
import dev.erg.bench.wire.TlsFiles;
import dev.erg.bench.wire.WireCompare;
import dev.erg.stream.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams across JVMs: Erg streams ({@code dev.erg.stream}) from this JVM to a
 * {@link StreamPeer} on loopback, over TLS 1.3 with both ends authenticated, against the
 * floors a user would compare them with, in interleaved rounds.
 * <ol>
 *   <li>Bulk: bytes per second of a transfer (1 GiB) in 64 KiB {@code byte[]} items from a
 *       {@code StreamWriter} to a {@code StreamReader}, with each window asked for, against the same
 *       bytes in 64 KiB writes into Netty's TLS handler ({@link NettyBulk}), one way, the receiver
 *       counting and answering its count at the end.</li>
 *   <li>Small items: {@value Payload#SIZE}-byte items per second on one stream, against Erg calls
 *       with 1,000 outstanding as {@code WireCompare}'s Erg row makes them ({@link ErgSystem}).</li>
 *   <li>Fairness: 1,000 streams over one link, each writing {@value Payload#SIZE}-byte items as
 *       fast as its credit allows; the items each reader takes in a fixed time, and the reading
 *       JVM's heap after a full collection while they write ({@link Fairness}).</li>
 * </ol>
 * Each round takes the rates in a rotating order (so none always follows the same one), then the
 * fairness run; the report gives the medians of the measured rounds ({@link StreamReport}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.stream.StreamCompare [rounds] [--quick]
 * [--warm-up=W] [--windows=LIST] [--streams=N] [--bulk-only]}; {@code --bulk-only} takes the bulk
 * transfers alone. Each bulk transfer also counts the CPU time both JVMs spent on it.
 */
public final class StreamCompare {

    /** The longest any one transfer, call or answer may take before the run counts as stalled. */
    static final Duration WAIT = Duration.ofMinutes(5);

    private StreamCompare() {
    }

    public static void main(String[] args) {
        StreamOptions options;
        try {
            options = StreamOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(StreamOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            StreamReport.print(run(options)).forEach(System.out::println);
            System.exit(0);
        } catch (Exception e) {
            // A peer that failed, or would not close, may leave threads that keep this JVM running.
            e.printStackTrace();
            System.exit(1);
        }
    }

    static StreamResults run(StreamOptions options) throws Exception {
        GrownHeap.keep();
        String loadBefore = WireCompare.loadAverage();
        byte[] chunk = new byte[options.chunkBytes()];
        try (TlsFiles tls = TlsFiles.create();
             NettyBulk raw = new NettyBulk(tls);
             ErgStreams erg = new ErgStreams(options.streams());
             ErgSystem calls = new ErgSystem()) {
            Measure rawBulk = new Measure("raw Netty TLS", () -> raw.transfer(options.bulkBytes(), chunk),
                    raw.peerProcess());
            List<Measure> bulk = new ArrayList<>();
            for (Window window : options.windows()) {
                bulk.add(new Measure("Erg stream, " + StreamOptions.describe(window),
                        () -> erg.bulk(options.bulkBytes(), chunk, window), erg.peerProcess()));
            }
            Measure items = new Measure("Erg stream, small items", () -> erg.items(options.seconds(), Window.defaults()));
            Measure answers = new Measure("Erg calls", () -> calls.throughput(options.seconds(), Sender.THREAD));
            List<Measure> rates = new ArrayList<>(List.of(rawBulk));
            rates.addAll(bulk);
            if (!options.bulkOnly()) {
                rates.addAll(List.of(items, answers));
            }
            List<Fairness> fairness = new ArrayList<>();
            for (int round = 1 - options.warmUps(); round <= options.rounds(); round++) {
                String label = round <= 0 ? "warm-up " + (round + options.warmUps()) : "round " + round;
                for (int i = 0; i < rates.size(); i++) {
                    Measure m = rates.get(Math.floorMod(i + round, rates.size()));
                    System.err.printf("%s %s: %,.0f/s (load %s)%n", label, m.name(), m.take(round > 0), WireCompare.loadAverage());
                }
                if (options.bulkOnly()) {
                    continue;
                }
                Fairness f = erg.fairness(options.streams(), Window.defaults(), options.fairWarmUp(), options.fairSeconds());
                System.err.printf("%s fairness: %,.0f items/s, per stream %,d–%,d, windows %s, reader's heap %,d B "
                                + "(load %s)%n", label, f.perSecond(), f.min(), f.max(), Arrays.toString(f.windowRange()),
                        f.heapBusy(), WireCompare.loadAverage());
                if (round > 0) {
                    fairness.add(f);
                }
            }
            return new StreamResults(options, rawBulk, bulk, items, answers, fairness, raw.transport(), loadBefore,
                    WireCompare.loadAverage());
        }
    }
}
