package dev.erg.bench.sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How many CapTP sessions one vat-server holds, and what each costs. For each number of
 * sessions N, a new server process is started ({@code vat-server run}, hosting the built-in
 * counter, {@value #SERVER_HEAP} heap) and measured from outside:
 * <ol>
 * <li>its live heap after a full collection with no session, then with N idle sessions held
 *     for {@value #IDLE_SECONDS} s (longer than a heartbeat), and the difference per session;
 *     and its resident memory, which also counts what Netty holds off the heap, but grows in
 *     the large steps of heap commits and buffer arenas, so it is given whole;</li>
 * <li>busy: every session calls {@code increment(1)} with one call outstanding, from a vat of
 *     its own, for {@value #WARMUP_SECONDS} s of warm-up and then the measured seconds: calls
 *     answered per second (from the start signal to the last answer in), round-trip latency
 *     percentiles as the callers see them, and how many of the machine's cores the server used;
 *     then its live heap again.</li>
 * </ol>
 * The sessions are opened by {@link SessionClients} processes, up to a given number each, every
 * session from a node with its own identity (a session is one pair of vats). Prints a markdown
 * table, and which classes the idle sessions' heap went to.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.sessions.SessionsBench [N...] [--busy=SECONDS]
 * [--per-client=SESSIONS]}; by default N = 100, 1000 and 5000, 10 s busy, 1,000 sessions per
 * client process.
 */
public final class SessionsBench {

    static final String SERVER_HEAP = "-Xmx4g";
    static final int IDLE_SECONDS = 6;
    static final int WARMUP_SECONDS = 10;

    private SessionsBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        List<Integer> counts = options.stream().filter(a -> a.matches("\\d+")).map(Integer::parseInt).toList();
        if (counts.isEmpty()) {
            counts = List.of(100, 1_000, 5_000);
        }
        int busySeconds = option(options, "--busy=", 10);
        int perClient = option(options, "--per-client=", 1_000);

        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rows.add("| sessions | client processes | opening all | live heap, none → idle | per idle session "
                + "| resident memory, none → idle | busy: calls/s | p50 | p99 | server CPU, busy "
                + "| live heap after busy, per session | broken calls |");
        rows.add("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Path work = Files.createTempDirectory("erg-sessions");
        for (int n : counts) {
            rows.add(measure(n, perClient, busySeconds, work.resolve("n" + n), notes));
        }
        deleteTree(work);

        System.out.println("Sessions held by one vat-server (" + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; server " + SERVER_HEAP + ", default GC), "
                + busySeconds + " s busy after " + WARMUP_SECONDS + " s of warm-up:");
        System.out.println();
        rows.forEach(System.out::println);
        System.out.println();
        notes.forEach(note -> System.out.println("- " + note));
    }

    private static String measure(int n, int perClient, int busySeconds, Path dir, List<String> notes) throws Exception {
        Files.createDirectories(dir);
        phase(n + " sessions: starting the server");
        try (ServerUnderTest server = ServerUnderTest.start(dir.resolve("data"), dir.resolve("server.log"),
                List.of(SERVER_HEAP))) {
            ServerUnderTest.Heap base = server.heap();
            long baseResident = server.residentBytes();
            int baseThreads = server.threads();

            phase(n + " sessions: opening them");
            long opening = System.nanoTime();
            List<ClientProcess> clients = new ArrayList<>();
            try {
                for (int left = n, i = 0; left > 0; left -= perClient, i++) {
                    clients.add(ClientProcess.start(server.counter().toString(), Math.min(left, perClient),
                            dir.resolve("client-" + i + ".log")));
                }
                for (ClientProcess client : clients) {
                    client.awaitReady();
                }
                double openSeconds = (System.nanoTime() - opening) / 1e9;

                phase(n + " sessions: idle");
                Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
                int held = server.sessions();
                ServerUnderTest.Heap idle = server.heap();
                long idleResident = server.residentBytes();
                int idleThreads = server.threads();
                notes.add(heapNote(n, base, idle) + String.format("; server threads: %d with no session, %d with %,d",
                        baseThreads, idleThreads, n));

                phase(n + " sessions: warm-up");
                busy(clients, WARMUP_SECONDS, new LatencyHistogram());
                phase(n + " sessions: busy");
                LatencyHistogram latencies = new LatencyHistogram();
                long cpuBefore = server.cpuNanos();
                long started = System.nanoTime();
                long[] outcome = busy(clients, busySeconds, latencies);
                double busyWall = (System.nanoTime() - started) / 1e9;
                double cores = (server.cpuNanos() - cpuBefore) / 1e9 / busyWall;
                int heldAfter = server.sessions();
                ServerUnderTest.Heap after = server.heap();

                if (held != n || heldAfter != n) {
                    notes.add(String.format("%,d sessions: the server held %,d when idle and %,d after the busy phase",
                            n, held, heldAfter));
                }
                return String.format("| %,d | %d | %.1f s | %.1f → %.1f MB | %,d B | %s | %,.0f | %s | %s | %.2f cores "
                                + "| %,d B | %,d |",
                        n, clients.size(), openSeconds, base.bytes() / 1e6, idle.bytes() / 1e6,
                        (idle.bytes() - base.bytes()) / n,
                        baseResident < 0 ? "–" : String.format("%.0f → %.0f MB", baseResident / 1e6, idleResident / 1e6),
                        outcome[0] / busyWall, micros(latencies.percentile(0.50)),
                        micros(latencies.percentile(0.99)), cores, (after.bytes() - base.bytes()) / n, outcome[1]);
            } finally {
                for (ClientProcess client : clients) {
                    client.close();
                }
            }
        }
    }

    /** Runs every client's sessions busy for {@code seconds}; answers the calls answered and broken. */
    static long[] busy(List<ClientProcess> clients, int seconds, LatencyHistogram latencies) throws IOException {
        for (ClientProcess client : clients) {
            client.busy(seconds);
        }
        long[] total = new long[2];
        for (ClientProcess client : clients) {
            long[] one = client.busyResult(latencies);
            total[0] += one[0];
            total[1] += one[1];
        }
        return total;
    }

    /** The classes that grew most from {@code base} to {@code idle}, per session. */
    private static String heapNote(int n, ServerUnderTest.Heap base, ServerUnderTest.Heap idle) {
        Map<String, Long> growth = new HashMap<>();
        idle.byClass().forEach((type, bytes) -> growth.put(type, bytes - base.byClass().getOrDefault(type, 0L)));
        List<String> top = growth.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(8)
                .map(e -> String.format("%s %,d", simpleName(e.getKey()), e.getValue() / n))
                .toList();
        return String.format("%,d idle sessions, bytes per session by class: %s", n, String.join(", ", top));
    }

    /** {@code type} as the class histogram names it, made short: {@code [B} is {@code byte[]}. */
    private static String simpleName(String type) {
        String name = switch (type) {
            case "[B" -> "byte[]";
            case "[I" -> "int[]";
            case "[J" -> "long[]";
            case "[C" -> "char[]";
            case "[Z" -> "boolean[]";
            default -> type.startsWith("[L") ? type.substring(2, type.length() - 1) + "[]" : type;
        };
        return "`" + name.substring(name.lastIndexOf('.') + 1) + "`";
    }

    private static String micros(long nanos) {
        return nanos >= 1_000_000 ? String.format("%.1f ms", nanos / 1e6) : String.format("%d µs", nanos / 1_000);
    }

    static int option(List<String> options, String prefix, int otherwise) {
        return options.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> Integer.parseInt(a.substring(prefix.length()))).orElse(otherwise);
    }

    /** Marks the time on stderr, so that a run can be followed. */
    private static void phase(String what) {
        System.err.println(java.time.LocalTime.now() + " " + what);
    }

    /** The class path for the processes the bench starts: this JVM's, or its tests' under Surefire. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** This JVM's {@code java}, for the processes the bench starts. */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
