package dev.erg.bench.trace;

import dev.erg.bench.Receivers.AnswerCounter;
import dev.erg.bench.Receivers.Echo;
import dev.erg.bench.Receivers.Echoer;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The runs of one mode of {@link TracingOverhead}, and the JVM that {@link TracingOverhead}
 * starts for each mode of each round: {@code ModeRuns MODE ROOTS WINDOW} makes five unreported
 * runs of the {@link Tracing} named {@code MODE}, then five more, and prints the median of their
 * turns per second as its last line.
 */
final class ModeRuns {

    private static final int TURNS_PER_ROOT = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** Enough for the runs' code to be compiled by C2 and its first deoptimizations to be over. */
    private static final int WARM_UP_RUNS = 5;
    private static final int MEASURED_RUNS = 5;

    private ModeRuns() {
    }

    public static void main(String[] args) {
        Tracing mode = Tracing.valueOf(args[0]);
        int roots = TracingOverhead.positive(args[1], "ROOTS");
        int window = TracingOverhead.positive(args[2], "WINDOW");
        for (int run = 0; run < WARM_UP_RUNS; run++) {
            turnsPerSecond(mode, roots, window);
        }
        double[] rates = new double[MEASURED_RUNS];
        for (int run = 0; run < MEASURED_RUNS; run++) {
            rates[run] = turnsPerSecond(mode, roots, window);
        }
        System.out.println(TracingOverhead.median(rates));
    }

    /**
     * Runs {@code roots} roots, at most {@code window} at once, on a fresh runtime traced as
     * {@code mode} after a {@code System.gc()}; returns turns per second.
     */
    static double turnsPerSecond(Tracing mode, int roots, int window) {
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
}
