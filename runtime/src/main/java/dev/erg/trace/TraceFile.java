package dev.erg.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An append-only trace file: one event per line, its fields separated by tabs, in the order
 * kind, vat, traceparent, parent span, cause span, nanos, label, problem kind, problem
 * message ({@code \t}, {@code \n} and {@code \\} escaped). As a {@link TraceSink} it appends
 * what a tracer records; {@link #read} reads one back for {@link TraceGraph}.
 */
public final class TraceFile implements TraceSink, Closeable {

    private static final int FIELDS = 9;

    private final BufferedWriter out;
    private final Path path;
    private IOException failed;

    private TraceFile(Path path) throws IOException {
        this.path = path;
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Opens {@code path} for appending, creating it if need be. */
    public static TraceFile append(Path path) throws IOException {
        return new TraceFile(path);
    }

    @Override
    public synchronized void accept(TraceEvent event) {
        if (failed != null) {
            return;
        }
        try {
            out.write(format(event));
            out.write('\n');
        } catch (IOException e) {
            // A sink must not throw into a turn: the failure is reported once, by flush or close.
            failed = e;
        }
    }

    /** Writes out what is buffered. @throws UncheckedIOException if a write failed */
    public synchronized void flush() {
        try {
            if (failed == null) {
                out.flush();
            }
        } catch (IOException e) {
            failed = e;
        }
        if (failed != null) {
            throw new UncheckedIOException("writing trace file " + path + " failed", failed);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    /** One event as a line, without its newline. */
    public static String format(TraceEvent e) {
        return String.join("\t", e.kind().word(), escape(e.vat()), e.context().traceparent(),
                TraceContext.spanId(e.parent()), TraceContext.spanId(e.cause()), Long.toString(e.nanos()),
                escape(e.label()), escape(e.problemKind()), escape(e.problemMessage()));
    }

    /**
     * Reads an event from a line written by {@link #format}.
     *
     * @throws IllegalArgumentException if the line is not one, saying why
     */
    public static TraceEvent parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("fields: " + f.length + " (expected: " + FIELDS + ")");
        }
        TraceEvent.Kind kind;
        try {
            kind = TraceEvent.Kind.valueOf(f[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: \"" + f[0] + "\" (expected: send, begin, end, fulfill or break)", e);
        }
        long nanos;
        try {
            nanos = Long.parseLong(f[5]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nanos: \"" + f[5] + "\" (expected: a number)", e);
        }
        return new TraceEvent(kind, unescape(f[1]), TraceContext.parse(f[2]), TraceContext.parseSpan(f[3]),
                TraceContext.parseSpan(f[4]), unescape(f[6]), unescape(f[7]), unescape(f[8]), nanos);
    }

    /**
     * Reads every event of a trace file.
     *
     * @throws IllegalArgumentException if a line is not an event, naming the file and line
     */
    public static List<TraceEvent> read(Path path) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                events.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ":" + number + ": not a trace event: " + e.getMessage(), e);
            }
        }
        return events;
    }

    private static String escape(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\\') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> n;
            });
        }
        return b.toString();
    }
}
