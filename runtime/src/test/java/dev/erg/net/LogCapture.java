package dev.erg.net;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps, while it is open, every record published to the root {@code java.util.logging}
 * logger, where the runtime's {@link System.Logger}s write when no other logging library is
 * on the class path (as in these tests), at the levels the loggers let through (INFO and up
 * by default). {@link #close()} removes it.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    // Held strongly, so that the handler added to it is not lost to a collection.
    private final Logger root = Logger.getLogger("");

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture);
        return capture;
    }

    /** The records published so far, in order. */
    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records published so far, each as its level, logger and message, on one line. */
    List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
