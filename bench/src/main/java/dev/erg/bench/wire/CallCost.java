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
                for (WireSystem system : systems.reversed()) {
                    system.close();
                }
            }
        }
    }

    private static void run(List<WireSystem> systems, int rounds, int seconds) throws Exception {
        int n = systems.size();
        double[][][] cost = new double[n][6][rounds];
        for (int round = -1; round < rounds; round++) {
            for (int s = 0; s < n; s++) {
                WireSystem system = systems.get(s);
                long[] before = cpu(system);
                double perSecond = system.throughput(seconds);
                long[] after = cpu(system);
                double calls = perSecond * seconds;
                long[] beforeChain = cpu(system);
                int chains = 2_000;
                long[] took = system.chains(chains);
                long[] afterChain = cpu(system);
                if (round >= 0) {
                    cost[s][0][round] = perSecond;
                    cost[s][1][round] = (after[0] - before[0]) / calls / 1e3;
                    cost[s][2][round] = (after[1] - before[1]) / calls / 1e3;
                    cost[s][3][round] = (afterChain[0] - beforeChain[0]) / (chains * (double) WireSystem.CHAIN) / 1e3;
                    cost[s][4][round] = (afterChain[1] - beforeChain[1]) / (chains * (double) WireSystem.CHAIN) / 1e3;
                    cost[s][5][round] = median(Arrays.stream(took).asDoubleStream().toArray()) / 1e3;
                }
            }
        }
        System.out.println("| system | answers/s at " + WireSystem.OUTSTANDING
                + " outstanding | client CPU µs/answer | server CPU µs/answer | client CPU µs/chain call"
                + " | server CPU µs/chain call | chain p50 µs |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int s = 0; s < n; s++) {
            System.out.printf("| %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %.0f |%n", systems.get(s).name(),
                    median(cost[s][0]), median(cost[s][1]), median(cost[s][2]), median(cost[s][3]), median(cost[s][4]),
                    median(cost[s][5]));
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
