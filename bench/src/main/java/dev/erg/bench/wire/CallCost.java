package dev.erg.bench.wire;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a call costs in processor time: for the raw TLS echo ({@link NettyEchoSystem}) and Erg
 * CapTP ({@link ErgSystem}), in interleaved rounds, the client's and the server's CPU time
 * (user and system, from the kernel's accounting) per answer with {@value WireSystem#OUTSTANDING}
 * outstanding, and per call of a {@value WireSystem#CHAIN}-call chain (and the chain's median time). Unlike answers per
 * second, CPU time per answer hardly moves when other processes load the machine, so it can
 * compare builds on a busy machine; the medians of the rounds are printed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.wire.CallCost [rounds] [--seconds=S]
 * [--no-echo] [--baseline=JAR]} (defaults: 5 rounds of 3 s after one of warm-up; {@code --no-echo}
 * leaves the echo out, say to profile Erg alone)
 */
public final class CallCost {

    /** Chains per round: enough CPU time for the kernel's 10 ms accounting ticks. */
    private static final int CHAINS = 2_000;
    private static final List<String> COLUMNS = List.of(
            String.format("answers/s at %,d outstanding", WireSystem.OUTSTANDING),
            "client CPU µs/answer", "server CPU µs/answer", "client CPU µs/chain call", "server CPU µs/chain call",
            "chain p50 µs");

    private CallCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int seconds = 3;
        String baseline = null;
        boolean echo = true;
        for (String arg : args) {
            if (arg.startsWith("--seconds=") && arg.substring(10).matches("\\d{1,4}")) {
                seconds = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--baseline=")) {
                baseline = arg.substring("--baseline=".length());
            } else if (arg.equals("--no-echo")) {
                echo = false;
            } else if (arg.matches("\\d{1,4}")) {
                rounds = Integer.parseInt(arg);
            } else {
                System.err.println("usage: CallCost [rounds] [--seconds=S] [--no-echo] [--baseline=JAR]");
                System.exit(2);
                return;
            }
        }
        try (TlsFiles tls = TlsFiles.create()) {
            List<WireSystem> systems = new ArrayList<>();
            try {
                if (echo) {
                    systems.add(new NettyEchoSystem(tls));
                }
                systems.add(new ErgSystem());
                if (baseline != null) {
                    systems.add(new ErgSystem("Erg CapTP (baseline server)", baseline));
                }
                run(systems, rounds, seconds);
            } finally {
                WireCompare.closeAll(systems);
            }
        }
    }

    private static void run(List<WireSystem> systems, int rounds, int seconds) throws Exception {
        int n = systems.size();
        double[][][] figures = new double[n][COLUMNS.size()][rounds];
        for (int round = -1; round < rounds; round++) {
            for (int s = 0; s < n; s++) {
                WireSystem system = systems.get(s);
                long[] start = cpu(system);
                double perSecond = system.throughput(seconds, Sender.THREAD);
                long[] windowEnd = cpu(system);
                long[] took = system.chains(CHAINS, Sender.THREAD);
                long[] end = cpu(system);
                double answers = perSecond * seconds;
                double chainCalls = CHAINS * (double) WireSystem.CHAIN;
                double[] row = {perSecond,
                        (windowEnd[0] - start[0]) / answers / 1e3, (windowEnd[1] - start[1]) / answers / 1e3,
                        (end[0] - windowEnd[0]) / chainCalls / 1e3, (end[1] - windowEnd[1]) / chainCalls / 1e3,
                        median(Arrays.stream(took).asDoubleStream().toArray()) / 1e3};
                for (int c = 0; round >= 0 && c < row.length; c++) {
                    figures[s][c][round] = row[c];
                }
            }
        }
        System.out.println("| system | " + String.join(" | ", COLUMNS) + " |");
        System.out.println("|---|" + "---:|".repeat(COLUMNS.size()));
        for (int s = 0; s < n; s++) {
            StringBuilder line = new StringBuilder("| " + systems.get(s).name() + " |");
            for (int c = 0; c < COLUMNS.size(); c++) {
                double median = median(figures[s][c]);
                line.append(c == 0 || c == COLUMNS.size() - 1 ? String.format(" %,.0f |", median)
                        : String.format(" %.2f |", median));
            }
            System.out.println(line);
        }
    }

    /** Nanoseconds of CPU used so far by this process and by the system's server. */
    private static long[] cpu(WireSystem system) throws Exception {
        long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new long[] {client, processCpuNanos(system.serverPid())};
    }

    /** utime + stime of {@code pid} from {@code /proc/<pid>/stat}, at the kernel's 100 ticks per second. */
    private static long processCpuNanos(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
