package dev.erg.bench.durable;

import dev.erg.bench.captp.PeerProcess;
import dev.erg.bench.sessions.LatencyHistogram;
import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.durable.Storage;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Durable turns per second, and how long a caller waits for the answer of one, on SQLite and on
 * PostgreSQL, with every turn committed alone ({@code maxBatch} 1) and with group commit. For
 * each store and mode, a fresh store (SQLite: a file in a temporary directory, WAL,
 * {@code synchronous=FULL}; PostgreSQL: a private server started by {@link PostgresCluster},
 * {@code fsync} and {@code synchronous_commit} on) holds N counters of the durable kind
 * {@link #COUNTER}, the roots of N services; each call {@code add(1)} is one durable turn that
 * writes its counter's new state, answered once its transaction has committed. Then a client vat
 * in this process:
 * <ol>
 * <li>keeps W calls unanswered, round robin over the counters (W ≤ N: the turns of a batch write
 *     as many rows as they are turns), each answer's {@code when} callback making the next call,
 *     for the warm-up and then the measured seconds: durable turns per second from the answers
 *     received, and from {@link DurableHost#turns()} over the same interval; turns per commit and
 *     the wall time per commit from {@link DurableHost#commits()}; and the answer latency, from
 *     making the call to its callback, which includes the wait in the engine's queue;</li>
 * <li>then one call at a time, for half as long after half the warm-up: the latency of a single
 *     durable turn, its commit included, as the caller sees it.</li>
 * </ol>
 * With group commit, the same is measured end to end, as a user of a vat-server sees it: the
 * counters are held by a {@link DurablePeer} that this program starts as a second JVM, on a
 * fresh store of the same kind, and called over CapTP (TLS 1.3 on loopback) from the client vat
 * here; turns and commits are then the peer's counts.
 *
 * <p>Prints a markdown table, then each row against the figures last recorded in
 * {@code bench/RESULTS.md} ({@link RecordedFigures}), with the commit they were measured at.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.durable.DurableBench [sqlite] [postgres]
 * [--seconds=S] [--warmup=S] [--window=W] [--objects=N] [--batch=B] [--no-captp]}; by default
 * both stores, 10 s measured after 5 s of warm-up, W = N = 1,000, group commit of up to B = 256
 * turns, and the calls over CapTP.
 */
public final class DurableBench {

    private static final Duration WAIT = Duration.ofMinutes(1);

    /** A durable counter. */
    public interface Counter {
        /** Adds {@code by}; answers the new value once the turn has committed. */
        Promise<Long> add(long by);
    }

    /** The stored state of a {@link Counter}. */
    public record State(long value) {
    }

    /** Counters whose every call writes their new state. */
    static final Kind<State, Counter> COUNTER = new Kind<>("bench.counter", State.class, Counter.class,
            self -> by -> {
                long next = self.state().value() + by;
                self.update(new State(next));
                return Promise.of(next);
            });

    /** How many turns and commits a durable host has made so far. */
    record Count(long turns, long commits) {
    }

    private DurableBench() {
    }

    /** The counters {@code counter-0} … of {@code durable}, made at 0 and exported from {@code vat}. */
    static Counter[] makeCounters(DurableHost durable, Vat vat, int objects) {
        Counter[] counters = new Counter[objects];
        for (int i = 0; i < objects; i++) {
            counters[i] = durable.root("counter-" + i, vat, COUNTER, () -> new State(0));
        }
        return counters;
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        List<String> stores = options.stream().filter(a -> !a.startsWith("--")).toList();
        if (stores.isEmpty()) {
            stores = List.of("sqlite", "postgres");
        }
        int seconds = option(options, "--seconds=", 10);
        int warmup = option(options, "--warmup=", 5);
        int window = option(options, "--window=", 1_000);
        int objects = option(options, "--objects=", 1_000);
        int batch = option(options, "--batch=", 256);

        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rows.add("| store | maxBatch | durable turns/s (answers) | turns/s (host's count) | turns per commit "
                + "| wall time per commit | answer latency p50 | p99 | one call at a time: p50 | p99 | calls/s |");
        rows.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        boolean captp = !options.contains("--no-captp");
        Shape shape = new Shape(objects, window, warmup, seconds);
        List<Row> measured = new ArrayList<>();
        Path work = Files.createTempDirectory("erg-durable");
        try (VatRuntime runtime = VatRuntime.builder().build()) {
            for (String store : stores) {
                switch (store) {
                    case "sqlite" -> {
                        for (int maxBatch : new int[]{1, batch}) {
                            Storage storage = Storage.sqlite(Files.createTempDirectory(work, "sqlite").resolve("durable.db"));
                            measured.add(inProcess("SQLite", storage, maxBatch, runtime, shape, notes));
                        }
                        if (captp) {
                            Storage storage = Storage.sqlite(Files.createTempDirectory(work, "sqlite").resolve("durable.db"));
                            measured.add(overCapTp("SQLite", storage, batch, runtime, shape, notes));
                        }
                    }
                    case "postgres" -> {
                        phase("starting PostgreSQL");
                        try (PostgresCluster cluster = PostgresCluster.start(work.resolve("postgres"))) {
                            // Each measurement is a new vat, hence a new schema of its own.
                            Storage storage = new Storage(cluster.jdbcUrl(), cluster.user(), cluster.password());
                            for (int maxBatch : new int[]{1, batch}) {
                                measured.add(inProcess("PostgreSQL", storage, maxBatch, runtime, shape, notes));
                            }
                            if (captp) {
                                measured.add(overCapTp("PostgreSQL", storage, batch, runtime, shape, notes));
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown store " + store + ": expected sqlite or postgres");
                }
            }
        } finally {
            deleteTree(work);
        }

        System.out.println("Durable turns (" + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores): " + String.format("%,d", objects) + " counters, " + String.format("%,d", window)
                + " calls outstanding, " + seconds + " s measured after " + warmup + " s of warm-up; one call at a time "
                + seconds / 2 + " s after " + warmup / 2 + " s:");
        System.out.println();
        rows.addAll(measured.stream().map(Row::line).toList());
        rows.forEach(System.out::println);
        if (!notes.isEmpty()) {
            System.out.println();
            notes.forEach(note -> System.out.println("- " + note));
        }
        System.out.println();
        System.out.println("Against the figures last recorded in bench/RESULTS.md (load average now "
                + String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + "):");
        System.out.println();
        RecordedFigures recorded = RecordedFigures.load();
        System.out.println("| row | turns/s | recorded | now / recorded | one call p50 | recorded | recorded at (load) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        measured.forEach(row -> System.out.println(row.against(recorded.of(row.key()))));
    }

    /** The load a row is measured under. */
    private record Shape(int objects, int window, int warmup, int seconds) {
    }

    /** One measured row of the table. */
    private record Row(String name, String key, int maxBatch, Measured loaded, Measured single) {

        double turnsPerSecond() {
            return loaded.answered() / loaded.seconds();
        }

        String line() {
            return String.format("| %s | %d | **%,.0f** | %,.0f | %.1f | %s | %s | %s | **%s** | %s | %,.0f |",
                    name, maxBatch, turnsPerSecond(), loaded.turns() / loaded.seconds(),
                    (double) loaded.turns() / loaded.commits(), time(loaded.seconds() * 1e9 / loaded.commits()),
                    time(loaded.latencies().percentile(0.50)), time(loaded.latencies().percentile(0.99)),
                    time(single.latencies().percentile(0.50)), time(single.latencies().percentile(0.99)),
                    single.answered() / single.seconds());
        }

        /** This row beside the recorded one; a fall below two thirds of it is flagged. */
        String against(Optional<RecordedFigures.Recorded> recorded) {
            String now = String.format("| %s, maxBatch %d | %,.0f", name, maxBatch, turnsPerSecond());
            String single = time(this.single.latencies().percentile(0.50));
            if (recorded.isEmpty()) {
                return now + " | none | | " + single + " | none | |";
            }
            RecordedFigures.Recorded r = recorded.get();
            double ratio = turnsPerSecond() / r.turns();
            return String.format("%s | %,.0f | %s%.2f× | %s | %s | `%s` (%s) |", now, r.turns(),
                    ratio < 2.0 / 3 ? "**below** " : "", ratio, single,
                    Double.isNaN(r.singleMicros()) ? "?" : time(r.singleMicros() * 1e3), r.commit(), r.load());
        }
    }

    /** One row: a fresh store of {@code storage}, loaded with {@code window} calls outstanding, then with one. */
    private static Row inProcess(String name, Storage storage, int maxBatch, VatRuntime runtime, Shape shape,
                                 List<String> notes) throws Exception {
        String what = name + ", maxBatch " + maxBatch;
        Vat host = runtime.newVat("host");
        Vat client = runtime.newVat("client");
        try (DurableHost durable = DurableHost.open(storage, VatIdentity.generate(new SecureRandom()).vatId(), maxBatch)) {
            phase(what + ": making " + shape.objects() + " counters");
            Counter[] counters = makeCounters(durable, host, shape.objects());
            return measure(name, key(name, maxBatch, false), maxBatch, client, counters,
                    () -> new Count(durable.turns(), durable.commits()), shape, notes);
        } finally {
            client.shutdown();
            host.shutdown();
        }
    }

    /**
     * One row end to end: the counters in a {@link DurablePeer} on a fresh store of
     * {@code storage}, called over CapTP from a client vat of this process.
     */
    private static Row overCapTp(String name, Storage storage, int maxBatch, VatRuntime runtime, Shape shape,
                                 List<String> notes) throws Exception {
        String what = name + " over CapTP, maxBatch " + maxBatch;
        phase(what + ": starting the peer, making " + shape.objects() + " counters");
        Vat client = runtime.newVat("client");
        try (PeerProcess peer = PeerProcess.start(DurablePeer.class, storage.url(), storage.user(), storage.password(),
                String.valueOf(maxBatch), String.valueOf(shape.objects()));
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            DurablePeer.Counters served = node.connect(SturdyRef.parse(peer.address()), DurablePeer.Counters.class)
                    .join(WAIT);
            List<Promise<Counter>> asked = new ArrayList<>();
            for (int i = 0; i < shape.objects(); i++) {
                asked.add(served.counter(i));
            }
            Counter[] counters = new Counter[shape.objects()];
            for (int i = 0; i < counters.length; i++) {
                counters[i] = asked.get(i).join(WAIT);
            }
            return measure(name + " over CapTP", key(name, maxBatch, true), maxBatch, client, counters,
                    () -> peerCount(peer), shape, notes);
        } finally {
            client.shutdown();
        }
    }

    private static Count peerCount(PeerProcess peer) {
        try {
            String[] reply = peer.ask("counts").split(" ");
            if (reply.length != 3 || !reply[0].equals("COUNTS")) {
                throw new IllegalStateException("unexpected reply to counts: " + String.join(" ", reply));
            }
            return new Count(Long.parseLong(reply[1]), Long.parseLong(reply[2]));
        } catch (IOException e) {
            throw new IllegalStateException("the durable peer did not answer", e);
        }
    }

    /** The key of a row in {@link RecordedFigures}: {@code sqlite.256}, {@code postgres.1.captp}. */
    private static String key(String name, int maxBatch, boolean captp) {
        return name.toLowerCase(Locale.ROOT).replace("postgresql", "postgres") + "." + maxBatch
                + (captp ? ".captp" : "");
    }

    /** Measures {@code counters} from {@code client}, loaded with {@code window} calls outstanding, then with one. */
    private static Row measure(String name, String key, int maxBatch, Vat client, Counter[] counters, Supplier<Count> counts,
                               Shape shape, List<String> notes) throws Exception {
        String what = name + ", maxBatch " + maxBatch;
        phase(what + ": " + shape.window() + " calls outstanding");
        Measured loaded = load(client, counts, counters, shape.window(), shape.warmup(), shape.seconds());
        phase(what + ": one call at a time");
        Measured single = load(client, counts, counters, 1, shape.warmup() / 2, shape.seconds() / 2);
        for (Measured m : List.of(loaded, single)) {
            if (m.broken() > 0) {
                notes.add(String.format("%s: %,d calls broken, such as %s", what, m.broken(), m.problem()));
            }
        }
        return new Row(name, key, maxBatch, loaded, single);
    }

    /** What one measured interval saw. */
    private record Measured(double seconds, long answered, long broken, Problem problem, long turns, long commits,
                            LatencyHistogram latencies) {
    }

    /** Where the counts stood at the start of an interval. */
    private record Mark(long nanos, Count count) {
    }

    /** Keeps {@code window} calls outstanding from {@code client}: {@code warmup} seconds, then {@code seconds} measured. */
    private static Measured load(Vat client, Supplier<Count> counts, Counter[] counters, int window, int warmup,
                                 int seconds) throws Exception {
        Load load = new Load(counters, window);
        client.run(load::start);
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        Mark begin = inTurn(client, () -> load.restart(counts));
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        Measured measured = inTurn(client, () -> load.stop(counts, begin));
        load.drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return measured;
    }

    /** Runs {@code action} in a turn of {@code vat} and waits for its result, which stays in this process. */
    private static <T> T inTurn(Vat vat, Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vat.run(() -> result.complete(action.get()));
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Runs in the client vat: each answer counts and, until {@link #stop}, makes the next call. */
    private static final class Load {
        private final Counter[] counters;
        private final int window;
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        private LatencyHistogram latencies = new LatencyHistogram();
        private long answered;
        private long broken;
        private Problem problem;
        private int outstanding;
        private int next;
        private boolean stopping;

        Load(Counter[] counters, int window) {
            this.counters = counters;
            this.window = window;
        }

        void start() {
            for (int i = 0; i < window; i++) {
                call();
            }
        }

        private void call() {
            Counter counter = counters[next];
            next = (next + 1) % counters.length;
            outstanding++;
            long sent = System.nanoTime();
            counter.add(1).when(value -> settled(sent, null), failed -> settled(sent, failed));
        }

        private void settled(long sent, Problem failed) {
            if (failed == null) {
                latencies.record(System.nanoTime() - sent);
                answered++;
            } else {
                broken++;
                problem = failed;
            }
            outstanding--;
            if (!stopping) {
                call();
            } else if (outstanding == 0) {
                drained.complete(null);
            }
        }

        /** Counts afresh from now. */
        Mark restart(Supplier<Count> counts) {
            latencies = new LatencyHistogram();
            answered = 0;
            broken = 0;
            return new Mark(System.nanoTime(), counts.get());
        }

        /** Makes no more calls; what was counted since {@code begin}. */
        Measured stop(Supplier<Count> counts, Mark begin) {
            stopping = true;
            long now = System.nanoTime();
            Count count = counts.get();
            Measured measured = new Measured((now - begin.nanos()) / 1e9, answered, broken, problem,
                    count.turns() - begin.count().turns(), count.commits() - begin.count().commits(), latencies);
            if (outstanding == 0) {
                drained.complete(null);
            }
            return measured;
        }
    }

    private static String time(double nanos) {
        return nanos >= 1_000_000 ? String.format("%.2f ms", nanos / 1e6) : String.format("%.0f µs", nanos / 1e3);
    }

    private static int option(List<String> options, String prefix, int otherwise) {
        return options.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> Integer.parseInt(a.substring(prefix.length()))).orElse(otherwise);
    }

    /** Marks the time on stderr, so that a run can be followed. */
    private static void phase(String what) {
        System.err.println(LocalTime.now() + " " + what);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
