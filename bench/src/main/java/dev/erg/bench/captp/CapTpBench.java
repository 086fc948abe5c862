package dev.erg.bench.captp;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CapTP calls between two processes on loopback, over {@link Node} (TLS 1.3 with the JDK's
 * provider, the defaults): this process calls a {@link Counter} that {@link CapTpPeer}, a JVM
 * this one starts, serves through a sturdy ref. All in one run:
 * <ol>
 * <li>call round trip with one call outstanding, {@code increment(1)} answered by the peer,
 *     20,000 after 20,000 of warm-up: awaited with {@code join} on a plain thread, and with
 *     {@code when} in a vat of this process that makes the next call from the callback;</li>
 * <li>pipelined throughput: a vat of this process keeps {@value #OUTSTANDING} calls unanswered
 *     (each answer's {@code when} callback counts it and makes the next call) for the given
 *     seconds, after {@value #THROUGHPUT_WARMUP_SECONDS} s of warm-up; calls answered per second;</li>
 * <li>a dependent chain of {@value #CHAIN} {@code next()} calls and a final {@code value()},
 *     until the last answer: pipelined (each call sent to the previous call's answer before it
 *     settles) and not (each answer awaited before the next call), {@value #CHAINS} chains of
 *     each after {@value #CHAIN_WARMUP} of warm-up;</li>
 * </ol>
 * then the same ping-pong over Apache Pekko Artery remoting over {@code tls-tcp}
 * ({@link ArteryPingPong}) unless {@code --no-pekko} is given. Prints a markdown table.
 * Both processes' vat runtimes have one thread per processor unless {@code --vat-threads=N}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.captp.CapTpBench [seconds] [--no-pekko]
 * [--vat-threads=N]}
 */
public final class CapTpBench {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int ROUND_TRIPS = 20_000;
    static final int OUTSTANDING = 1_000;
    static final int THROUGHPUT_WARMUP_SECONDS = 3;
    static final int CHAIN = 10;
    static final int CHAINS = 2_000;
    static final int CHAIN_WARMUP = 1_000;

    private CapTpBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        int seconds = options.stream().filter(a -> a.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(5);
        boolean pekko = !options.contains("--no-pekko");
        int vatThreads = options.stream().filter(a -> a.startsWith("--vat-threads="))
                .findFirst().map(a -> Integer.parseInt(a.substring(a.indexOf('=') + 1)))
                .orElse(Runtime.getRuntime().availableProcessors());

        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rows.add("| measure | p50 | p99 | throughput |");
        rows.add("|---|---|---|---|");
        try (PeerProcess peer = PeerProcess.start(CapTpPeer.class, String.valueOf(vatThreads));
             VatRuntime runtime = VatRuntime.builder().threads(vatThreads).build();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            long peerHeapBefore = peer.heap();
            Counter counter = node.connect(SturdyRef.parse(peer.address()), Counter.class).join(WAIT);
            Vat vat = runtime.newVat("client");

            joinRoundTrips(counter, ROUND_TRIPS);
            rows.add(latencyRow("CapTP call round trip, `join` on a plain thread", joinRoundTrips(counter, ROUND_TRIPS)));
            whenRoundTrips(vat, counter, ROUND_TRIPS);
            rows.add(latencyRow("CapTP call round trip, `when` in a client vat", whenRoundTrips(vat, counter, ROUND_TRIPS)));

            long peerHeapBeforeWindow = peer.heap();
            Window warm = window(vat, counter, THROUGHPUT_WARMUP_SECONDS);
            phase("pipelined throughput");
            Window measured = window(vat, counter, seconds);
            phase("end of pipelined throughput");
            long peerHeapAfterWindow = peer.heap();
            rows.add(String.format("| CapTP pipelined calls, %,d outstanding, %d s | – | – | **%,.0f calls/s** |",
                    OUTSTANDING, seconds, measured.perSecond()));
            notes.add(String.format("peer heap after a full GC: %,d B at start, %,d B before the throughput runs, "
                            + "%,d B after them (%,d calls answered in them, %.0f B per call retained)",
                    peerHeapBefore, peerHeapBeforeWindow, peerHeapAfterWindow, warm.total + measured.total,
                    (peerHeapAfterWindow - peerHeapBeforeWindow) / (double) (warm.total + measured.total)));

            long base = counter.value().join(WAIT);
            chains(counter, base, true, CHAIN_WARMUP);
            chains(counter, base, false, CHAIN_WARMUP);
            rows.add(latencyRow(CHAIN + " dependent calls + `value()`, pipelined", chains(counter, base, true, CHAINS)));
            rows.add(latencyRow(CHAIN + " dependent calls + `value()`, each answer awaited",
                    chains(counter, base, false, CHAINS)));
            notes.add(String.format("client heap after a full GC at the end: %,d B", usedHeapAfterGc()));
        }
        if (pekko) {
            ArteryPingPong.run(seconds, rows);
        }
        System.out.println("CapTP calls between two JVMs on loopback (" + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores), " + seconds + " s throughput runs:");
        System.out.println();
        rows.forEach(System.out::println);
        System.out.println();
        notes.forEach(n -> System.out.println("- " + n));
    }

    /** Marks the time on stderr, to find a phase in a flight recording. */
    static void phase(String what) {
        System.err.println(java.time.LocalTime.now() + " " + what);
    }

    /** Sequential calls from a plain thread, each awaited with join; nanoseconds each. */
    static long[] joinRoundTrips(Counter counter, int count) {
        long[] took = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            counter.increment(1).join(WAIT);
            took[i] = System.nanoTime() - start;
        }
        return took;
    }

    /** Sequential calls from a vat, each made by the previous answer's when callback. */
    static long[] whenRoundTrips(Vat vat, Counter counter, int count) throws Exception {
        long[] took = new long[count];
        CompletableFuture<long[]> done = new CompletableFuture<>();
        vat.run(() -> new Object() {
            int i;
            long start;

            void call() {
                start = System.nanoTime();
                counter.increment(1).when(v -> {
                    took[i] = System.nanoTime() - start;
                    if (++i < count) {
                        call();
                    } else {
                        done.complete(took);
                    }
                }, problem -> done.completeExceptionally(new ProblemException(problem)));
            }
        }.call());
        return done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Calls answered per second by a vat that keeps {@value #OUTSTANDING} unanswered for {@code seconds}. */
    static Window window(Vat vat, Counter counter, int seconds) throws Exception {
        Window w = new Window(counter, seconds);
        vat.run(w::start);
        return w.result.get(seconds + WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Runs in the client vat: every answer counts and, until the deadline, makes the next call. */
    static final class Window {
        final Counter counter;
        final long length;
        final CompletableFuture<Window> result = new CompletableFuture<>();
        long start;
        long deadline;
        long end;
        long sent;
        long total;

        Window(Counter counter, int seconds) {
            this.counter = counter;
            this.length = TimeUnit.SECONDS.toNanos(seconds);
        }

        void start() {
            start = System.nanoTime();
            deadline = start + length;
            for (int i = 0; i < OUTSTANDING; i++) {
                call();
            }
        }

        private void call() {
            sent++;
            counter.increment(1).when(this::answered, this::broken);
        }

        private void answered(Long value) {
            total++;
            if (System.nanoTime() < deadline) {
                call();
            } else if (total == sent) {
                end = System.nanoTime();
                result.complete(this);
            }
        }

        private void broken(Problem problem) {
            result.completeExceptionally(new ProblemException(problem));
        }

        double perSecond() {
            return total / ((end - start) / 1e9);
        }
    }

    /** {@code count} chains; nanoseconds from the first call until the last answer, each. */
    static long[] chains(Counter root, long base, boolean pipelined, int count) {
        long[] took = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Counter at = root;
            for (int step = 0; step < CHAIN; step++) {
                at = pipelined ? at.next().as(Counter.class) : at.next().join(WAIT);
            }
            long value = at.value().join(WAIT);
            took[i] = System.nanoTime() - start;
            if (value != base + CHAIN) {
                throw new AssertionError("chain ended at " + value + ", expected " + (base + CHAIN));
            }
        }
        return took;
    }

    static String latencyRow(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("| %s | **%s** | %s | – |", name, micros(sorted[sorted.length / 2]),
                micros(sorted[(int) (sorted.length * 0.99)]));
    }

    static String micros(long nanos) {
        return nanos >= 1_000_000 ? String.format("%.1f ms", nanos / 1e6) : String.format("%.0f µs", nanos / 1e3);
    }

    /** Used heap after full collections, in bytes. */
    public static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
