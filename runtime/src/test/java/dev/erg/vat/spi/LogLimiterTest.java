package dev.erg.vat.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogLimiterTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final Recorder out = new Recorder(Level.INFO);
    private final LogLimiter limiter = new LogLimiter(out, MINUTE, clock::get);

    @Test
    void theFirstOfAKindIsWrittenTheRestCountedAndSummedUpWhenTheIntervalHasPassed() {
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            limiter.log(Level.WARNING, "k", () -> "failure " + n, null);
            clock.addAndGet(1_000_000);
        }
        assertThat(out.lines).containsExactly(new Line(Level.WARNING, "failure 0", null));

        clock.addAndGet(MINUTE.toNanos());
        limiter.log(Level.WARNING, "k", () -> "failure again", null);

        assertThat(out.lines).containsExactly(
                new Line(Level.WARNING, "failure 0", null),
                new Line(Level.WARNING, "k: 9,999 more in the last 60 s", null),
                new Line(Level.WARNING, "failure again", null));
    }

    @Test
    void eachKindHasItsOwnInterval() {
        limiter.log(Level.WARNING, "a", () -> "a1", null);
        limiter.log(Level.WARNING, "b", () -> "b1", null);
        limiter.log(Level.WARNING, "a", () -> "a2", null);
        limiter.log(Level.WARNING, "b", () -> "b2", null);

        assertThat(out.texts()).containsExactly("a1", "b1");
    }

    @Test
    void aSummaryIsWrittenByTheNextCallOfAnyKind() {
        limiter.log(Level.INFO, "a", () -> "a1", null);
        limiter.log(Level.INFO, "a", () -> "a2", null);
        limiter.log(Level.INFO, "a", () -> "a3", null);
        clock.addAndGet(MINUTE.toNanos() - 1);
        limiter.log(Level.INFO, "b", () -> "b1", null);
        assertThat(out.texts()).as("a's interval has not passed yet").containsExactly("a1", "b1");

        clock.addAndGet(1);
        limiter.log(Level.INFO, "b", () -> "b2", null);

        assertThat(out.texts()).containsExactly("a1", "b1", "a: 2 more in the last 60 s");
    }

    @Test
    void anIntervalWithNothingMoreEndsWithoutASummary() {
        limiter.log(Level.INFO, "a", () -> "a1", null);
        clock.addAndGet(MINUTE.toNanos());
        limiter.log(Level.INFO, "a", () -> "a2", null);

        assertThat(out.texts()).containsExactly("a1", "a2");
    }

    @Test
    void aTraceIsWrittenOnlyWithTheFirstLineOfItsKindEver() {
        IllegalStateException first = new IllegalStateException("first");
        limiter.log(Level.WARNING, "a", () -> "a1", first);
        limiter.log(Level.WARNING, "a", () -> "a2", new IllegalStateException("second"));
        clock.addAndGet(MINUTE.toNanos());
        limiter.log(Level.WARNING, "a", () -> "a3", new IllegalStateException("third"));
        limiter.log(Level.WARNING, "b", () -> "b1", null);
        limiter.log(Level.WARNING, "c", () -> "c1", new IllegalStateException("c"));

        assertThat(out.lines).extracting(Line::trace).extracting(t -> t == null ? null : t.getMessage())
                .containsExactly("first", null, null, null, "c");
    }

    @Test
    void aLineIsBuiltOnlyWhenWritten() {
        List<String> built = new ArrayList<>();
        limiter.log(Level.DEBUG, "quiet", () -> {
            built.add("debug");
            return "debug";
        }, null);
        limiter.log(Level.INFO, "a", () -> {
            built.add("a1");
            return "a1";
        }, null);
        limiter.log(Level.INFO, "a", () -> {
            built.add("a2");
            return "a2";
        }, null);

        assertThat(built).as("below the logger's level, or counted within an interval").containsExactly("a1");
        assertThat(out.texts()).containsExactly("a1");
    }

    @Test
    void everyLineIsOneLineOfBoundedLength() {
        limiter.log(Level.INFO, "a", () -> "peer said: line one\nERROR forged line\r\u0000\u2028", null);
        limiter.log(Level.INFO, "b", () -> "x".repeat(LogLimiter.MAX_LINE_CHARS + 500), null);

        assertThat(out.texts().getFirst()).isEqualTo("peer said: line one\\nERROR forged line\\r\\u0000\\u2028");
        assertThat(out.texts().get(1)).hasSize(LogLimiter.MAX_LINE_CHARS + 1).endsWith("x…");
    }

    @Test
    void kindsBeyondTheLimitShareOneInterval() {
        for (int i = 0; i < LogLimiter.MAX_KINDS + 100; i++) {
            String kind = "kind " + i;
            limiter.log(Level.INFO, kind, () -> kind, null);
        }
        clock.addAndGet(MINUTE.toNanos());
        limiter.log(Level.INFO, "one more", () -> "one more", null);

        assertThat(out.texts()).hasSize(LogLimiter.MAX_KINDS + 3)
                .contains("kind " + LogLimiter.MAX_KINDS, "(other kinds): 99 more in the last 60 s")
                .doesNotContain("kind " + (LogLimiter.MAX_KINDS + 1));
    }

    @Test
    void intervalsBelowASecondAreSaidInMilliseconds() {
        LogLimiter fast = new LogLimiter(out, Duration.ofMillis(250), clock::get);
        fast.log(Level.INFO, "a", () -> "a1", null);
        fast.log(Level.INFO, "a", () -> "a2", null);
        clock.addAndGet(Duration.ofMillis(250).toNanos());
        fast.log(Level.INFO, "a", () -> "a3", null);

        assertThat(out.texts()).containsExactly("a1", "a: 1 more in the last 250 ms", "a3");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new LogLimiter(out, Duration.ZERO, clock::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval: PT0S (expected: > 0)");
    }

    private record Line(Level level, String text, Throwable trace) {
    }

    /** A logger that keeps what it is given, at {@code threshold} and above. */
    private static final class Recorder implements System.Logger {
        final List<Line> lines = new ArrayList<>();
        private final Level threshold;

        Recorder(Level threshold) {
            this.threshold = threshold;
        }

        List<String> texts() {
            return lines.stream().map(Line::text).toList();
        }

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(level, params == null ? format : MessageFormat.format(format, params), null));
        }
    }
}
