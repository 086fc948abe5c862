package dev.erg.samples.logship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A log streamed to another organization's vat-server, which is restarted mid-way. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LogShipSampleTest {

    @TempDir
    Path tmp;

    @Test
    void theArchiveEndsWithTheLogByteForByteAcrossItsRestart() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShipReport report = LogShipSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.storedAtCut()).as("cut in the morning").isBetween(report.morningBytes() / 2, report.morningBytes());
        assertThat(report.firstShipment()).extracting(Problem::kind).isEqualTo(Problem.UNAVAILABLE);
        assertThat(report.resumedFrom()).as("what the archive kept")
                .isBetween(report.storedAtCut(), report.morningBytes());
        assertThat(report.logBytes()).as("the afternoon's orders").isGreaterThan(report.morningBytes());
        assertThat(report.storedAtEnd()).isEqualTo(report.logBytes());
        assertThat(report.sameBytes()).isTrue();
        assertThat(story).contains("the same as the log", "exit status 0.");
    }
}
