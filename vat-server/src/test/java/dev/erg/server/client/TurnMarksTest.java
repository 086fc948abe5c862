package dev.erg.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.durable.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnMarksTest {

    private static final String A = "0123456789abcdef0123456789abcdef";
    private static final String B = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path tmp;

    @Test
    void aVatThatShowsLessThanWasSeenIsBehind() {
        TurnMarks marks = TurnMarks.inMemory();
        assertThat(marks.observe(new Progress("v", 1, A, 10))).isEmpty();
        assertThat(marks.observe(new Progress("v", 2, B, 12))).as("a restart").isEmpty();
        assertThat(marks.observe(new Progress("v", 2, B, 11))).get().asString().contains("has committed 11 turns, but this client saw 12");
        assertThat(marks.observe(new Progress("v", 1, A, 20))).get().asString().contains("at generation 1, but this client saw generation 2");
        assertThat(marks.observe(new Progress("v", 2, A, 20))).get().asString().contains("started twice as generation 2");
        assertThat(marks.observe(new Progress("v", 3, A, 20))).as("past what was seen").isEmpty();
        assertThat(marks.observe(new Progress("other", 1, A, 0))).as("each vat its own").isEmpty();
    }

    @Test
    void marksOutliveTheClientAndADamagedLineCostsOnlyItself() throws Exception {
        Path file = tmp.resolve("marks");
        TurnMarks.in(file).observe(new Progress("v", 1, A, 10));
        TurnMarks.in(file).observe(new Progress("w", 1, A, 5));
        Files.writeString(file, Files.readString(file) + "garbage line\n");
        assertThat(TurnMarks.in(file).observe(new Progress("v", 1, A, 9))).isPresent();
        assertThat(TurnMarks.in(file).observe(new Progress("w", 1, A, 4))).isPresent();
    }
}
