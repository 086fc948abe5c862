package dev.erg.transparency;

import dev.erg.vat.JoinTimeoutException;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.time.Duration;

/** Runs scenarios in one {@link Mode}. */
interface Stage extends AutoCloseable {

    Mode mode();

    /** Runs {@code scenario} once and returns what it observed; never throws for the scenario's sake. */
    Outcome run(Scenario scenario);

    @Override
    void close();

    /** Runs the script, recording a setup failure as the result. */
    static Promise<?> start(Scenario scenario, World world, Outcome outcome) {
        try {
            return scenario.script().run(world, outcome);
        } catch (ProblemException e) {
            return Promise.broken(e.problem());
        } catch (RuntimeException e) {
            outcome.add(Outcome.RESULT, "setup threw " + e);
            return null;
        }
    }

    /** Records the result of {@code done}, waiting up to {@code wait} (zero: look only). */
    static void finish(Promise<?> done, Outcome outcome, Duration wait) {
        if (done == null) {
            return;
        }
        if (!wait.isZero() || done.isSettled()) {
            try {
                outcome.add(Outcome.RESULT, "fulfilled " + Describe.value(done.join(wait)));
                return;
            } catch (ProblemException e) {
                outcome.add(Outcome.RESULT, Describe.problem(e.problem()));
                return;
            } catch (JoinTimeoutException e) {
                // still pending after wait: reported below
            }
        }
        outcome.markHung();
        outcome.add(Outcome.RESULT, wait.isZero()
                ? "hung: no result once every turn had run"
                : "hung: no result within " + wait.toMillis() + " ms");
    }
}
