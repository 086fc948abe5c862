/*
 * Workload: turn throughput of one runtime with causality tracing off (no tracer), on (every
 * root sampled, events kept in the vats' ring buffers), sampled at 1%, and sampled at 0% (a
 * tracer that samples nothing, which separates the cost of being traced from that of
 * recording); and off a second time, a control whose distance from off is the benchmark's own
 * spread, below which no difference means anything. A run starts ROOTS roots from the
 * benchmark's thread, each a turn of a sender vat that sends one request to an echo vat and
 * reacts to its answer in a third turn: 3 turns per root, every root a separate trace, so that
 * 1% sampling traces about 1% of the turns. At most WINDOW roots are outstanding at once
 * (RootWindow): the turns, promises and trace events in flight stay bounded, so that a run
 * measures tracing rather than the collector's work on a queue of every root at once. The
 * runtime has one thread, so that the figure is turns per second of one core, not of the
 * scheduler's hand-offs. Each round runs every mode once, each on a fresh runtime of the same
 * shape after a System.gc(), in the orders of a balanced design (RunOrder): each mode runs as
 * often first as last, and as often right after each other mode, so that the machine's load
 * and what one mode leaves behind fall on all alike. The figures that count are each mode's
 * median and its ratio to off, both of the medians and round by round.
 *
 * Usage: see the class Javadoc and bench/README.md. Defaults: 20 rounds (two balanced blocks)
 * of 1,000,000 roots, a window of 1,000, after 3 unreported runs of each mode; about a minute
 * on a quiet machine. Prints turns per second per mode and round, then the table.
 */
package dev.erg.bench.trace;

import dev.erg.bench.Receivers.AnswerCounter;
import dev.erg.bench.Receivers.Echo;
import dev.erg.bench.Receivers.Echoer;
import dev.erg.trace.Tracer;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turn throughput with tracing off, on, sampled at 1% and at 0%, and off again as a control,
 * side by side, with a bounded window of roots. Run it, after building
 * {@code bench/target/benchmarks.jar}:
 *
 * <pre>{@code
 * java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar dev.erg.bench.trace.TracingOverhead [ROUNDS [ROOTS [WINDOW]]]
 * }</pre>
 */
public final class TracingOverhead {

    private static final int TURNS_PER_ROOT = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** Runs of each mode before the rounds, unreported, so that the rounds measure compiled code. */
    private static final int WARM_UP_RUNS = 3;

    /** How a runtime of one run traces. */
    private enum Tracing {
        OFF("off", -1),
        /** No tracer either: how far two runs of the same build and mode land apart. */
        CONTROL("off again (control)", -1),
        ON("on (all)", 1.0),
        SAMPLED("sampled 1%", 0.01),
        /** A tracer that samples nothing: what every turn pays once tracing is configured, apart from recording. */
        NONE("sampled 0%", 0.0);

        final String label;
        final double rate;

        Tracing(String label, double rate) {
            this.label = label;
            this.rate = rate;
        }

        VatRuntime runtime() {
            VatRuntime.Builder builder = VatRuntime.builder().threads(1);
            if (rate >= 0) {
                builder.tracer(Tracer.builder().sampleRate(rate).build());
            }
            return builder.build();
        }
    }

    private TracingOverhead() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? positive(args[0], "ROUNDS") : 20;
        int roots = args.length > 1 ? positive(args[1], "ROOTS") : 1_000_000;
        int window = args.length > 2 ? positive(args[2], "WINDOW") : 1_000;
        Tracing[] modes = Tracing.values();
        RunOrder order = new RunOrder(modes.length);
        long began = System.nanoTime();
        for (int run = 0; run < WARM_UP_RUNS; run++) {
            for (int m : order.round(run)) {
                turnsPerSecond(modes[m], roots, window);
            }
        }
        double[][] rates = new double[modes.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int m : order.round(round)) {
                rates[m][round] = turnsPerSecond(modes[m], roots, window);
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
            double median = median(rates[m]);
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = rates[m][round] / rates[Tracing.OFF.ordinal()][round];
            }
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %,.0f | %.3f | %.3f (%.3f-%.3f) |%n", modes[m].label, median, median / off,
                    median(ratios), sorted[0], sorted[rounds - 1]);
        }
        System.out.printf("%n%d rounds of %,d roots, window %,d, %d balanced orders: %.0f s in all%n", rounds, roots,
                window, order.blockLength(), (System.nanoTime() - began) / 1e9);
    }

    private static int positive(String arg, String name) {
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

    /**
     * Runs {@code roots} roots, at most {@code window} at once, on a fresh runtime traced as
     * {@code mode}; returns turns per second.
     */
    private static double turnsPerSecond(Tracing mode, int roots, int window) {
        System.gc();
        try (VatRuntime runtime = mode.runtime()) {
            Vat sender = runtime.newVat("sender");
            Echo echo = runtime.newVat("echo").export(new Echoer(), Echo.class);
            Deferred<Long> done = Promise.defer();
            AnswerCounter counter = new AnswerCounter(roots, done.resolver());
            RootWindow inFlight = new RootWindow(window, PATIENCE);
            Consumer<Long> answered = value -> {
                counter.accept(value);
                inFlight.finish();
            };
            Consumer<Problem> broken = problem -> {
                counter.broken(problem);
                inFlight.finish();
            };
            long started = System.nanoTime();
            for (int i = 0; i < roots; i++) {
                long value = i;
                inFlight.start(() -> sender.run(() -> echo.echo(value).when(answered, broken)));
            }
            if (!inFlight.drain()) {
                throw new IllegalStateException(mode.label + ": " + inFlight.outstanding() + " roots still outstanding after "
                        + PATIENCE);
            }
            long elapsed = System.nanoTime() - started;
            // Every answer has arrived: this only says whether one broke.
            done.promise().join(PATIENCE);
            return (double) roots * TURNS_PER_ROOT * 1e9 / elapsed;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int half = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
