package dev.erg.bench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak in its bounded mode: 200 sessions in two client processes, calling for four windows
 * of 3 s. The long mode ({@code SoakRun} with its defaults) is run by hand; bench/RESULTS.md
 * has its figures.
 */
class SoakRunTest {

    @Test
    void sessionsCallingWindowAfterWindowLoseNothingAndHoldTheirMemory(@TempDir Path dir) throws Exception {
        SoakRun.Plan plan = new SoakRun.Plan(200, 4, 3, 100);
        SoakRun.Outcome outcome = SoakRun.run(plan, dir);
        String report = SoakRun.report(plan, outcome);

        assertThat(outcome.windows()).as(report).hasSize(4)
                .allSatisfy(w -> {
                    assertThat(w.sessionsHeld()).isEqualTo(200);
                    assertThat(w.calls()).isPositive();
                });
        assertThat(outcome.nothingLost()).as(report).isTrue();
        long first = outcome.windows().getFirst().liveHeapBytes();
        // Generous, for a loaded machine: what grows with time rather than with sessions would
        // add a few MB a window at these rates.
        assertThat(outcome.windows().getLast().liveHeapBytes()).as(report).isLessThan(first * 3 / 2 + (16 << 20));
    }
}
