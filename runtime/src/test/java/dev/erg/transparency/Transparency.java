package dev.erg.transparency;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict of a test on a {@link Verdict}: a scenario must be transparent. */
public final class Transparency {

    private Transparency() {
    }

    /**
     * Prints the stated differences, then fails the test if {@code verdict} shows an unstated
     * difference or a hang.
     */
    public static void require(Verdict verdict) {
        Scenario scenario = verdict.scenario();
        verdict.stated().forEach(d -> System.out.print("stated difference: " + d.render()));
        // One tab-separated line per scenario, which .ci/run totals over the core suite and the samples.
        System.out.println("transparency-scenario\t" + scenario.name() + "\t"
                + (verdict.unstated().size() + verdict.hungIn().size()) + "\t" + verdict.stated().size());
        verdict.statedButNotSeen().forEach(s ->
                System.out.println("stated difference not seen: " + scenario.name() + " [" + s.mode() + "] " + s.channel()));
        assertThat(verdict.transparent()).as(verdict::report).isTrue();
    }
}
