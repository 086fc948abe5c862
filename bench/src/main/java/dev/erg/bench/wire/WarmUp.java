package dev.erg.bench.wire;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How soon Erg CapTP calls reach their steady rate after a cold start: a server JVM started
 * for the run and this client JVM, both fresh, then one-second windows of calls with
 * {@value WireSystem#OUTSTANDING} outstanding ({@link ErgSystem#throughput}), back to back,
 * each printed with the time since the server's JVM was started. Steady from the first window
 * after which no window falls below 90% of the median of the last five.
 *
 * <p>With {@code --launcher=bin/vat-server}, the server is a vat-server as a user starts it,
 * through its launcher (its JVM flags and its start-up cache: {@link LauncherServer}), and the
 * calls go to its sample greeter; the time is since the launcher was started.
 *
 * <p>With {@code --warm-client=S}, this client first calls a server of its own for S seconds
 * (with the launcher, the server started first to make its cache), so that only the measured
 * server starts cold, as a server restarted among clients that keep running does.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.wire.WarmUp [windows]
 * [--launcher=bin/vat-server] [--warm-client=S]} (default 20 windows, a cold client)
 */
public final class WarmUp {

    private static final double STEADY = 0.9;
    private static final int TAIL = 5;

    private WarmUp() {
    }

    public static void main(String[] args) throws Exception {
        int windows = 20;
        Path launcher = null;
        int warmClient = 0;
        for (String arg : args) {
            if (arg.startsWith("--launcher=") && Files.isExecutable(Path.of(arg.substring("--launcher=".length())))) {
                launcher = Path.of(arg.substring("--launcher=".length()));
            } else if (arg.matches("--warm-client=\\d{1,3}")) {
                warmClient = Integer.parseInt(arg.substring("--warm-client=".length()));
            } else if (arg.matches("\\d{1,3}") && Integer.parseInt(arg) > TAIL) {
                windows = Integer.parseInt(arg);
            } else {
                System.err.println("usage: WarmUp [windows, more than " + TAIL + "] [--launcher=bin/vat-server]"
                        + " [--warm-client=seconds, at most 999]");
                System.exit(2);
                return;
            }
        }
        List<double[]> rows = launcher == null ? echoes(windows, warmClient) : greetings(launcher, windows, warmClient);
        System.out.println();
        System.out.println(steadyFrom(rows));
    }

    /** Windows of calls to an echo served by a JVM of the benchmark's own, after {@code warmClient} seconds of calls to another. */
    private static List<double[]> echoes(int windows, int warmClient) throws Exception {
        if (warmClient > 0) {
            try (ErgSystem warm = new ErgSystem()) {
                warm.throughput(warmClient, Sender.THREAD);
            }
        }
        long started = System.nanoTime();
        try (ErgSystem erg = new ErgSystem()) {
            return windows(started, windows, seconds -> erg.throughput(seconds, Sender.THREAD));
        }
    }

    /**
     * Windows of calls to the greeter of a vat-server started by {@code launcher}, after a first
     * start that has the launcher make its start-up cache if the build is new (and that the client
     * calls for {@code warmClient} seconds).
     */
    private static List<double[]> greetings(Path launcher, int windows, int warmClient) throws Exception {
        try (LauncherServer first = LauncherServer.start(launcher)) {
            if (warmClient > 0) {
                try (GreeterClient client = new GreeterClient(first.greeter())) {
                    client.throughput(warmClient);
                }
            }
        }
        try (LauncherServer server = LauncherServer.start(launcher); GreeterClient client = new GreeterClient(server.greeter())) {
            return windows(server.startedNanos(), windows, client::throughput);
        }
    }

    /** Measures and prints {@code windows} one-second windows; the time is since {@code started}. */
    private static List<double[]> windows(long started, int windows, Window window) throws Exception {
        List<double[]> rows = new ArrayList<>();
        System.out.printf("connected %.2f s after the server's JVM was started%n", seconds(started));
        System.out.println();
        System.out.println("| window ends at | answers/s |");
        System.out.println("|---:|---:|");
        for (int i = 0; i < windows; i++) {
            double perSecond = window.throughput(1);
            double at = seconds(started);
            rows.add(new double[] {at, perSecond});
            System.out.printf("| %.2f s | %,.0f |%n", at, perSecond);
        }
        return rows;
    }

    @FunctionalInterface
    private interface Window {
        double throughput(int seconds) throws Exception;
    }

    /** The window from which the rate holds, as a sentence. */
    static String steadyFrom(List<double[]> rows) {
        double[] tail = rows.subList(rows.size() - TAIL, rows.size()).stream().mapToDouble(r -> r[1]).toArray();
        Arrays.sort(tail);
        double median = tail[TAIL / 2];
        int first = rows.size();
        while (first > 0 && rows.get(first - 1)[1] >= STEADY * median) {
            first--;
        }
        double since = first == 0 ? 0 : rows.get(first - 1)[0];
        return String.format("steady (every window from then on >= %.0f%% of the last %d windows' median, %,.0f answers/s) "
                + "from %.2f s after the server's JVM was started", 100 * STEADY, TAIL, median, since);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
