package dev.erg.samples.logship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A log streamed between durable objects of two vat-servers, each killed once mid-way. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DurableShipSampleTest {

    @TempDir
    Path tmp;

    @Test
    void theJournalHoldsEveryLineOnceInOrderThroughAKillOfEachServer() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DurableShipReport report = DurableShipSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.linesAtCut()).as("cut mid-morning").isPositive().isLessThan(report.recorded());
        assertThat(report.writtenWhileDown()).as("the window held the log back").isLessThan(report.recorded());
        assertThat(report.linesAtShopKill()).isGreaterThan(report.writtenWhileDown() - 1);
        assertThat(report.journal().lines()).isEqualTo(report.recorded());
        assertThat(report.journal().end()).isEqualTo("closed " + report.recorded() + ": " + report.recorded() + " orders");
        assertThat(report.sameLines()).isTrue();
        assertThat(story).contains("each once, in order.", "exit status 0 and 0.");
    }
}
