package dev.erg.bench.wire;

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
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.wire.WarmUp [windows]} (default 20)
 */
public final class WarmUp {

    private static final double STEADY = 0.9;
    private static final int TAIL = 5;

    private WarmUp() {
    }

    public static void main(String[] args) throws Exception {
        int windows = 20;
        if (args.length == 1 && args[0].matches("\\d{1,3}") && Integer.parseInt(args[0]) > TAIL) {
            windows = Integer.parseInt(args[0]);
        } else if (args.length > 0) {
            System.err.println("usage: WarmUp [windows, more than " + TAIL + "]");
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        List<double[]> rows = new ArrayList<>();
        try (ErgSystem erg = new ErgSystem()) {
            System.out.printf("connected %.2f s after the server's JVM was started%n", seconds(started));
            System.out.println();
            System.out.println("| window ends at | answers/s |");
            System.out.println("|---:|---:|");
            for (int i = 0; i < windows; i++) {
                double perSecond = erg.throughput(1);
                double at = seconds(started);
                rows.add(new double[] {at, perSecond});
                System.out.printf("| %.2f s | %,.0f |%n", at, perSecond);
            }
        }
        System.out.println();
        System.out.println(steadyFrom(rows));
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
