/*
 * Workload: turn throughput of one runtime with causality tracing off (no tracer), on (every
 * root sampled, events kept in the vats' ring buffers), sampled at 1% and at 0.1%, and sampled
 * at 0% (a tracer that samples nothing, which separates the cost of being traced from that of
 * recording); and off a second time, a control whose distance from off is the benchmark's own
 * spread, below which no difference means anything. A run starts ROOTS roots from the
 * benchmark's thread, each a turn of a sender vat that sends one request to an echo vat and
 * reacts to its answer in a third turn: 3 turns per root, every root a separate trace, so that
 * 1% sampling traces about 1% of the turns. At most WINDOW roots are outstanding at once
 * (RootWindow): the turns, promises and trace events in flight stay bounded, so that a run
 * measures tracing rather than the collector's work on a queue of every root at once. The
 * runtime has one thread, so that the figure is turns per second of one core, not of the
 * scheduler's hand-offs.
 *
 * Each mode of a round runs in a JVM of its own (ModeRuns), started with this JVM's flags and
 * class path: a JVM serves one tracing configuration, and the code it compiles is profiled on
 * that configuration's turns alone. Run in one JVM (--same-jvm), the modes share compiled code
 * profiled on all of them, every root traced among them, and a sampled mode then pays for code
 * shaped by the others (bench/RESULTS.md). The modes of a round run in the orders of a balanced
 * design (RunOrder): each mode runs as often first as last, and as often right after each other
 * mode, so that the machine's load falls on all alike. The figures that count are each mode's
 * median and its ratio to off, both of the medians and round by round.
 *
 * Usage: see the class Javadoc and bench/README.md. Defaults: 12 rounds (two balanced blocks)
 * of 1,000,000 roots, a window of 1,000; a mode's JVM reports the median of 5 runs after 5
 * unreported ones; about five minutes on a quiet machine. Prints turns per second per mode and
 * round, then the table.
 */
package dev.erg.bench.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turn throughput with tracing off, on, sampled at 1%, 0.1% and 0%, and off again as a control,
 * side by side, each mode of each round in a JVM of its own. Run it, after building
 * {@code bench/target/benchmarks.jar}:
 *
 * <pre>{@code
 * java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar dev.erg.bench.trace.TracingOverhead [--same-jvm] [ROUNDS [ROOTS [WINDOW]]]
 * }</pre>
 *
 * With {@code --same-jvm}, every mode runs in this JVM, after three unreported runs of each.
 */
public final class TracingOverhead {

    /** Runs of each mode before the rounds of {@code --same-jvm}, unreported. */
    private static final int SAME_JVM_WARM_UP_RUNS = 3;

    private TracingOverhead() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean sameJvm = args.length > 0 && args[0].equals("--same-jvm");
        String[] numbers = sameJvm ? Arrays.copyOfRange(args, 1, args.length) : args;
        int rounds = numbers.length > 0 ? positive(numbers[0], "ROUNDS") : 12;
        int roots = numbers.length > 1 ? positive(numbers[1], "ROOTS") : 1_000_000;
        int window = numbers.length > 2 ? positive(numbers[2], "WINDOW") : 1_000;
        Tracing[] modes = Tracing.values();
        RunOrder order = new RunOrder(modes.length);
        long began = System.nanoTime();
        if (sameJvm) {
            for (int run = 0; run < SAME_JVM_WARM_UP_RUNS; run++) {
                for (int m : order.round(run)) {
                    ModeRuns.turnsPerSecond(modes[m], roots, window);
                }
            }
        }
        double[][] rates = new double[modes.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int m : order.round(round)) {
                rates[m][round] = sameJvm ? ModeRuns.turnsPerSecond(modes[m], roots, window)
                        : inOwnJvm(modes[m], roots, window);
            }
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int m = 0; m < modes.length; m++) {
                line.append(String.format("  %s %,.0f", modes[m].label, rates[m][round]));
            }
            System.out.println(line);
        }
        double off = median(rates[Tracing.OFF.ordinal()]);
        System.out.println();
        System.out.printf("| tracing | turns/s (median of %d rounds) | against off (medians) "
                + "| against off, round by round: median (lowest-highest) |%n", rounds);
        System.out.println("|---|---:|---:|---:|");
        for (int m = 0; m < modes.length; m++) {
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = rates[m][round] / rates[Tracing.OFF.ordinal()][round];
            }
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %,.0f | %.3f | %.3f (%.3f-%.3f) |%n", modes[m].label, median(rates[m]),
                    median(rates[m]) / off, median(ratios), sorted[0], sorted[rounds - 1]);
        }
        System.out.printf("%n%d rounds of %,d roots, window %,d, %s, %d balanced orders: %.0f s in all%n", rounds,
                roots, window, sameJvm ? "one JVM" : "a JVM per mode and round", order.blockLength(),
                (System.nanoTime() - began) / 1e9);
    }

    /** The turns per second {@link ModeRuns} reports for {@code mode} from a new JVM of this one's flags. */
    private static double inOwnJvm(Tracing mode, int roots, int window) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ModeRuns.class.getName(), mode.name(),
                Integer.toString(roots), Integer.toString(window)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || last == null) {
            throw new IllegalStateException(mode.label + ": its JVM exited with " + exit + " after \"" + last + "\"");
        }
        return Double.parseDouble(last);
    }

    static int positive(String arg, String name) {
        try {
            int value = Integer.parseInt(arg);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as for a value that is not positive
        }
        throw new IllegalArgumentException(name + ": \"" + arg + "\" (expected: a positive whole number)");
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int half = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
