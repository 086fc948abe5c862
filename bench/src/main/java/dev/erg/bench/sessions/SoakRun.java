package dev.erg.bench.sessions;

import dev.erg.server.client.CapTpClient;
import dev.erg.server.services.Counter;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A soak: one vat-server (the built-in counter, {@value SessionsBench#SERVER_HEAP} heap) holds
 * many CapTP sessions, each from a node of its own in {@link SessionClients} processes (whose
 * nodes share a couple of I/O threads), and
 * every session calls {@code increment(1)}, one call outstanding, window after window for the
 * whole run. After each window the server is measured from outside: sessions held, live heap
 * after a full collection, resident memory; and the window's calls per second, p50 and p99 as
 * the callers saw them, and calls broken. At the end the counter must hold exactly the calls
 * answered: none lost, none applied twice.
 *
 * <p>Usage: {@code SoakRun [SESSIONS] [--minutes=M] [--window=SECONDS] [--per-client=N]};
 * 10,000 sessions for 10 minutes in 30 s windows, 5,000 sessions per client process, by
 * default. {@code SoakRunTest} runs a bounded version in CI.
 */
public final class SoakRun {

    private SoakRun() {
    }

    /** What one run asks for. */
    record Plan(int sessions, int windows, int windowSeconds, int perClient) {
    }

    /** The measurements after one window. */
    record Window(double elapsedSeconds, long calls, long broken, double callsPerSecond, long p50Nanos, long p99Nanos,
                  int sessionsHeld, long liveHeapBytes, long residentBytes) {
    }

    /**
     * A whole run.
     *
     * @param windows       the windows in order
     * @param openSeconds   how long opening every session took
     * @param counterValue  what the counter held at the end
     * @param callsAnswered answered calls of every window together
     */
    record Outcome(List<Window> windows, double openSeconds, long counterValue, long callsAnswered) {

        /** Whether every call answered was applied once, and no call broke. */
        boolean nothingLost() {
            return counterValue == callsAnswered && windows.stream().allMatch(w -> w.broken() == 0);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        int sessions = options.stream().filter(a -> a.matches("\\d+")).map(Integer::parseInt).findFirst().orElse(10_000);
        int minutes = SessionsBench.option(options, "--minutes=", 10);
        int window = SessionsBench.option(options, "--window=", 30);
        Plan plan = new Plan(sessions, Math.max(1, minutes * 60 / window), window, SessionsBench.option(options, "--per-client=", 5_000));
        Path work = Files.createTempDirectory("erg-soak");
        Outcome outcome = run(plan, work);
        SessionsBench.deleteTree(work);
        System.out.println(report(plan, outcome));
    }

    /** Runs {@code plan} with its files under {@code dir}. */
    static Outcome run(Plan plan, Path dir) throws Exception {
        List<Window> windows = new ArrayList<>();
        try (ServerUnderTest server = ServerUnderTest.start(dir.resolve("data"), dir.resolve("server.log"),
                List.of(SessionsBench.SERVER_HEAP))) {
            List<ClientProcess> clients = new ArrayList<>();
            try {
                long opening = System.nanoTime();
                // One client process opens its sessions at a time: all at once, their handshakes
                // outlast the server's 10 s handshake timeout on a small machine.
                for (int left = plan.sessions(), i = 0; left > 0; left -= plan.perClient(), i++) {
                    clients.add(ClientProcess.start(server.counter().toString(), Math.min(left, plan.perClient()),
                            dir.resolve("client-" + i + ".log")));
                    clients.getLast().awaitReady();
                }
                double openSeconds = (System.nanoTime() - opening) / 1e9;
                long started = System.nanoTime();
                long answered = 0;
                for (int w = 0; w < plan.windows(); w++) {
                    LatencyHistogram latencies = new LatencyHistogram();
                    long windowStart = System.nanoTime();
                    long[] outcome = SessionsBench.busy(clients, plan.windowSeconds(), latencies);
                    double seconds = (System.nanoTime() - windowStart) / 1e9;
                    answered += outcome[0];
                    windows.add(new Window((System.nanoTime() - started) / 1e9, outcome[0], outcome[1],
                            outcome[0] / seconds, latencies.percentile(0.50), latencies.percentile(0.99),
                            server.sessions(), server.heap().bytes(), server.residentBytes()));
                    System.err.println(java.time.LocalTime.now() + " window " + (w + 1) + " of " + plan.windows()
                            + ": " + windows.getLast());
                }
                return new Outcome(windows, openSeconds, counterValue(server), answered);
            } finally {
                for (ClientProcess client : clients) {
                    client.close();
                }
            }
        }
    }

    /** The counter's value, read over a session of this process's own. */
    private static long counterValue(ServerUnderTest server) throws javax.net.ssl.SSLException {
        try (CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(60))) {
            return client.await(client.connect(server.counter(), Counter.class).value());
        }
    }

    /** The run as a Markdown table and a summary. */
    static String report(Plan plan, Outcome outcome) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Soak: %,d sessions opened in %.1f s, then %d windows of %d s (%s, %d cores)%n%n",
                plan.sessions(), outcome.openSeconds(), plan.windows(), plan.windowSeconds(), Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        out.append("| at | calls/s | p50 | p99 | broken | sessions held | live heap | resident |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Window w : outcome.windows()) {
            out.append(String.format("| %.0f s | %,.0f | %s | %s | %,d | %,d | %.1f MB | %.0f MB |%n", w.elapsedSeconds(),
                    w.callsPerSecond(), millis(w.p50Nanos()), millis(w.p99Nanos()), w.broken(), w.sessionsHeld(),
                    w.liveHeapBytes() / 1e6, w.residentBytes() / 1e6));
        }
        out.append(String.format("%n%,d calls answered; the counter holds %,d: %s%n", outcome.callsAnswered(),
                outcome.counterValue(), outcome.nothingLost() ? "none lost, none applied twice, none broken"
                        : "MISMATCH"));
        return out.toString();
    }

    private static String millis(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }
}
