/*
 * Workload: turn throughput of one runtime with causality tracing off (no tracer), on (every
 * root sampled, events kept in the vats' ring buffers) and sampled at 1%, measured in
 * interleaved rounds so that the machine's load falls on all three alike. A round starts ROOTS
 * roots from the benchmark's thread, each a turn of a sender vat that sends one request to an
 * echo vat and reacts to its answer in a third turn: 3 turns per root, every root a separate
 * trace, so that 1% sampling traces about 1% of the turns. The runtime has one thread, so that
 * the figure is turns per second of one core, not of the scheduler's hand-offs.
 *
 * Usage: TracingOverhead [ROUNDS [ROOTS]]; defaults 7 and 200000. Prints turns per second per
 * mode and round, then medians and each mode's median against tracing off.
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Turn throughput with tracing off, on and sampled at 1%, side by side. */
public final class TracingOverhead {

    private static final int TURNS_PER_ROOT = 3;

    /** How a runtime of one round traces. */
    private enum Tracing {
        OFF("off", -1), ON("on (all)", 1.0), SAMPLED("sampled 1%", 0.01);

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
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int roots = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Tracing[] modes = Tracing.values();
        double[][] rates = new double[modes.length][rounds];
        for (Tracing mode : modes) {
            turnsPerSecond(mode, roots);
        }
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < modes.length; k++) {
                // Rotated, so that no mode always runs first in a round.
                int m = (round + k) % modes.length;
                rates[m][round] = turnsPerSecond(modes[m], roots);
            }
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int m = 0; m < modes.length; m++) {
                line.append(String.format("  %s %,.0f", modes[m].label, rates[m][round]));
            }
            System.out.println(line);
        }
        double off = median(rates[0]);
        System.out.println();
        System.out.println("| tracing | turns/s (median of " + rounds + ") | against off |");
        System.out.println("|---|---:|---:|");
        for (int m = 0; m < modes.length; m++) {
            double median = median(rates[m]);
            System.out.printf("| %s | %,.0f | %+.1f%% |%n", modes[m].label, median, (median / off - 1) * 100);
        }
    }

    /** Runs {@code roots} roots on a fresh runtime traced as {@code mode}; returns turns per second. */
    private static double turnsPerSecond(Tracing mode, int roots) {
        try (VatRuntime runtime = mode.runtime()) {
            Vat sender = runtime.newVat("sender");
            Echo echo = runtime.newVat("echo").export(new Echoer(), Echo.class);
            Deferred<Long> done = Promise.defer();
            AnswerCounter counter = new AnswerCounter(roots, done.resolver());
            Consumer<Problem> broken = counter::broken;
            long started = System.nanoTime();
            for (int i = 0; i < roots; i++) {
                long value = i;
                sender.run(() -> echo.echo(value).when(counter, broken));
            }
            done.promise().join(Duration.ofMinutes(2));
            return (double) roots * TURNS_PER_ROOT * 1e9 / (System.nanoTime() - started);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
