package dev.erg.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;

/**
 * The verdict of a test on a {@link Verdict}: a scenario must be transparent; one awaiting a
 * runtime fix is skipped with its report instead, unless {@code -Derg.transparency.awaiting=fail}.
 */
public final class Transparency {

    private Transparency() {
    }

    /** Whether scenarios awaiting a fix count like the others in this run. */
    public static boolean awaitingFails() {
        return "fail".equals(System.getProperty("erg.transparency.awaiting"));
    }

    /**
     * Prints the stated differences, then fails the test if {@code verdict} shows an unstated
     * difference or a hang (or skips it, for a scenario awaiting a fix).
     */
    public static void require(Verdict verdict) {
        Scenario scenario = verdict.scenario();
        verdict.stated().forEach(d -> System.out.print("stated difference: " + d.render()));
        verdict.statedButNotSeen().forEach(s ->
                System.out.println("stated difference not seen: " + scenario.name() + " [" + s.mode() + "] " + s.channel()));
        if (scenario.awaiting() != null && !awaitingFails()) {
            Assumptions.assumeTrue(verdict.transparent(), () -> "awaiting " + scenario.awaiting() + ":\n" + verdict.report());
        }
        assertThat(verdict.transparent()).as(verdict::report).isTrue();
    }
}
