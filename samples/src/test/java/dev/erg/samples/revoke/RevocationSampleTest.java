package dev.erg.samples.revoke;

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

/** A vat-server process whose operator cuts an auditor off in the middle of its reading. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RevocationSampleTest {

    @TempDir
    Path tmp;

    @Test
    void theAuditorIsCutOffMidReadingAndAcmeReadsOn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RevocationReport report = RevocationSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.readBefore()).containsExactly("Q1: revenue 120, costs 100", "Q2: revenue 130, costs 105");
        Problem revoked = Problem.of(Problem.REVOKED, "revoked: the sturdy ref they were obtained through was revoked");
        assertThat(report.folderAfter()).as("the folder obtained through the ref is cut too").isEqualTo(revoked);
        assertThat(report.roomAfter()).isEqualTo(revoked);
        assertThat(report.fetchAgain()).extracting(Problem::kind).isEqualTo("NotFound");
        assertThat(report.staffReadAfter()).isEqualTo("Q3: revenue 90, costs 110");
        assertThat(story).contains("revoked the auditor's ref", "exit status 0.");
    }
}
