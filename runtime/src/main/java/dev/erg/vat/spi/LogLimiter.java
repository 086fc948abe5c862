package dev.erg.vat.spi;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@link System.Logger} that a peer cannot flood: it writes at most one line per kind per
 * interval. The first occurrence of a kind writes its line; later ones within the interval
 * are only counted, and once the interval has passed one line sums them up
 * ({@code "… : 9,999 more in the last 60 s"}). The next occurrence after that opens a new
 * interval with a line of its own.
 *
 * <p>A kind is a key the caller chooses from what its code knows, never from what a peer
 * sent: a site and an exception class, a protocol error code. Kinds are remembered for the
 * life of the limiter, at most {@value #MAX_KINDS} of them; beyond that, new kinds share one.
 *
 * <p>Stack traces: a caller passes one only when it helps a developer, and the limiter writes
 * it at most once per kind for the life of the limiter, with the first line of that kind.
 * The runtime passes one for its own bugs (an exception it did not expect) and for an
 * application method or callback that threw anything but a {@link dev.erg.vat.ProblemException}: the
 * first such trace shows the developer where their code failed, and a peer repeating the
 * call gets no more. Problems a peer causes in the runtime itself (a protocol error, a
 * refused handshake) never carry one.
 *
 * <p>Every line is one line: control characters in it (a peer's text may carry newlines) are
 * escaped, and it is cut at {@value #MAX_LINE_CHARS} characters.
 *
 * <p>A summary is written by the first call after its interval has passed, of any kind, so a
 * flood that stops is summed up when the limiter is next used; counters such as
 * {@link dev.erg.vat.PeerFault#count()} always hold the exact totals. Thread-safe: lines are written
 * outside the limiter's lock, so a slow log handler holds up no other caller's counting.
 */
public final class LogLimiter {

    /** How long one line stands for its kind, unless a limiter is given another interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    /** Kinds a limiter tells apart; later kinds share one entry. */
    static final int MAX_KINDS = 1024;

    /** Longest line written, in chars, before the cut. */
    static final int MAX_LINE_CHARS = 2000;

    private static final String OTHER_KINDS = "(other kinds)";

    private final System.Logger logger;
    private final long intervalNanos;
    private final String intervalText;
    private final LongSupplier nanoTime;
    private final Map<String, Kind> kinds = new HashMap<>();
    /** Whether some kind has occurrences not yet summed up, and when the first of those is due. */
    private boolean summaryPending;
    private long summaryDue;

    /**
     * A limiter writing to {@code logger}, one line per kind per {@code interval}, reading
     * time from {@code nanoTime} (like {@link System#nanoTime()}; a fake clock in tests).
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public LogLimiter(System.Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = Objects.requireNonNull(logger, "logger");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        this.intervalNanos = interval.toNanos();
        this.intervalText = interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A limiter writing to {@code logger}, one line per kind per {@link #DEFAULT_INTERVAL}. */
    public static LogLimiter of(System.Logger logger) {
        return new LogLimiter(logger, DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * Writes {@code line} at {@code level} if it is the first of {@code kind} in the current
     * interval, else counts it. The line is built only if written, and only if the logger
     * writes {@code level}.
     *
     * @param trace written with the line if this is the first line of {@code kind} ever; null for none
     */
    public void log(Level level, String kind, Supplier<String> line, Throwable trace) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(line, "line");
        if (!logger.isLoggable(level)) {
            return;
        }
        long now = nanoTime.getAsLong();
        List<Summary> summaries;
        boolean write;
        Throwable withTrace = null;
        synchronized (this) {
            summaries = summariesDue(now);
            Kind k = kinds.get(kind);
            if (k == null) {
                k = kinds.size() < MAX_KINDS ? new Kind(kind) : kinds.computeIfAbsent(OTHER_KINDS, Kind::new);
                kinds.putIfAbsent(k.name, k);
            }
            write = !k.open || now - k.opened >= intervalNanos;
            if (write) {
                k.open = true;
                k.opened = now;
                k.level = level;
                if (trace != null && !k.traced) {
                    k.traced = true;
                    withTrace = trace;
                }
            } else if (k.suppressed++ == 0) {
                long due = k.opened + intervalNanos;
                if (!summaryPending || due - summaryDue < 0) {
                    summaryPending = true;
                    summaryDue = due;
                }
            }
        }
        for (Summary s : summaries) {
            logger.log(s.level, oneLine(s.kind + ": " + String.format(Locale.ROOT, "%,d", s.count) + " more in the last "
                    + intervalText));
        }
        if (write) {
            String text = oneLine(line.get());
            if (withTrace == null) {
                logger.log(level, text);
            } else {
                logger.log(level, text, withTrace);
            }
        }
    }

    /** Closes every interval that has passed with occurrences to sum up; called holding the lock. */
    private List<Summary> summariesDue(long now) {
        if (!summaryPending || now - summaryDue < 0) {
            return List.of();
        }
        List<Summary> due = new ArrayList<>();
        summaryPending = false;
        for (Kind k : kinds.values()) {
            if (k.suppressed == 0) {
                continue;
            }
            long end = k.opened + intervalNanos;
            if (now - end >= 0) {
                due.add(new Summary(k.level, k.name, k.suppressed));
                k.suppressed = 0;
                k.open = false;
            } else if (!summaryPending || end - summaryDue < 0) {
                summaryPending = true;
                summaryDue = end;
            }
        }
        return due;
    }

    /** {@code text} on one line, control characters escaped, cut at {@link #MAX_LINE_CHARS}. */
    static String oneLine(String text) {
        String s = String.valueOf(text);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        String flat = out == null ? s : out.toString();
        if (flat.length() <= MAX_LINE_CHARS) {
            return flat;
        }
        int cut = Character.isHighSurrogate(flat.charAt(MAX_LINE_CHARS - 1)) ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
        return flat.substring(0, cut) + "…";
    }

    /** What the limiter remembers of one kind; guarded by the limiter's lock. */
    private static final class Kind {
        final String name;
        /** Whether an interval is running: its first line was written and its summary is not. */
        boolean open;
        long opened;
        long suppressed;
        Level level;
        boolean traced;

        Kind(String name) {
            this.name = name;
        }
    }

    private record Summary(Level level, String kind, long count) {
    }
}
