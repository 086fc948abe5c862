package dev.erg.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three vat-server processes in one cluster, one of them killed in the middle of a sum. */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ClusterSumTest {

    @TempDir
    Path tmp;

    @Test
    void theSumIsRightAfterAServerIsKilledAndItsTalliesResumeElsewhere() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClusterSumReport report = ClusterSum.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp, 30_000, 24);
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.expected()).isEqualTo(ClusterSum.closedForm(30_000)).isEqualTo(9_000_450_005_000L);
        assertThat(report.computed()).as(story).isEqualTo(report.expected());
        assertThat(report.parts()).as("each part added once").isEqualTo(report.partsSent());
        assertThat(report.stranded()).hasSize(ClusterSum.TALLIES_PER_SERVER);
        assertThat(report.resumedOn()).as("the killed server's tallies resumed on live members")
                .doesNotContain(report.killedId(), "?");
        assertThat(story).contains("killed with SIGKILL", "in closed form: equal");
    }

    @Test
    void theClosedFormIsTheSumOfTheParts() {
        assertThat(ClusterSum.closedForm(1_000)).isEqualTo(TallyMaker.squares(1, 1_001));
    }
}
