package dev.erg.bench.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where one Erg call is handed from thread to thread: the call round trip of {@link ErgSystem}
 * ({@code echo(payload)} joined on a plain thread, one outstanding) under
 * {@link ThreadSwitches} in both processes, after a warm-up. Prints, per process and thread
 * group, context switches per round trip: a thread that switches about once per call is woken
 * once per call, a hand-off. With {@code --baseline=JAR}, the same for a server run from
 * another build's jar, in turn with this build's.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.wire.CallTrace [round-trips]
 * [--baseline=JAR]} (default 20,000 round trips after as many of warm-up)
 */
public final class CallTrace {

    private CallTrace() {
    }

    public static void main(String[] args) throws Exception {
        int count = 20_000;
        String baseline = null;
        for (String arg : args) {
            if (arg.startsWith("--baseline=")) {
                baseline = arg.substring("--baseline=".length());
            } else if (arg.matches("\\d{1,8}") && Integer.parseInt(arg) > 0) {
                count = Integer.parseInt(arg);
            } else {
                System.err.println("usage: CallTrace [round-trips] [--baseline=JAR]");
                System.exit(2);
                return;
            }
        }
        List<String[]> rows = baseline == null
                ? List.<String[]>of(new String[] {"Erg CapTP", System.getProperty("java.class.path")})
                : List.of(new String[] {"Erg CapTP", System.getProperty("java.class.path")},
                        new String[] {"Erg CapTP (baseline server)", baseline});
        for (String[] row : rows) {
            try (ErgSystem erg = new ErgSystem(row[0], row[1])) {
                erg.roundTrips(count, Sender.THREAD);
                ThreadSwitches client = ThreadSwitches.start(ProcessHandle.current().pid());
                ThreadSwitches server = ThreadSwitches.start(erg.serverPid());
                long[] took = erg.roundTrips(count, Sender.THREAD);
                Map<String, Long> onServer = server.stop();
                Map<String, Long> onClient = client.stop();
                Arrays.sort(took);
                System.out.printf("%s: %,d round trips, p50 %s%n", row[0], count, Report.time(took[count / 2]));
                print("client", onClient, count);
                print("server", onServer, count);
                System.out.println();
            }
        }
    }

    private static void print(String side, Map<String, Long> switches, int count) {
        long total = switches.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("  %s: %.2f switches per round trip%n", side, (double) total / count);
        switches.entrySet().stream()
                .filter(e -> e.getValue() * 100 >= count)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("    %-18s %.2f%n", e.getKey(), (double) e.getValue() / count));
    }
}
