package dev.erg.server.otel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries what the OpenTelemetry SDK logs (through {@code java.util.logging}, under
 * {@code io.opentelemetry}) into the server's log, at most one line a minute per SDK logger,
 * warnings and worse only, each line saying how many were left out since the last. A collector
 * that is down makes the exporters complain at every batch; the server's log gets a line a
 * minute. Installed once per JVM.
 */
final class SdkLog extends Handler {

    private static final Logger LOG = LoggerFactory.getLogger(SdkLog.class);
    private static final long MINUTE = 60_000_000_000L;
    /** Held strongly: {@code java.util.logging} keeps its loggers, and with them their handlers, weakly. */
    private static final java.util.logging.Logger SDK = java.util.logging.Logger.getLogger("io.opentelemetry");
    private static volatile SdkLog installed;

    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private final Formatter text = new SimpleFormatter();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A handler that writes its lines to {@code out}, reading the time from {@code nanoTime}. */
    SdkLog(LongSupplier nanoTime, Consumer<String> out) {
        this.nanoTime = nanoTime;
        this.out = out;
        setLevel(Level.WARNING);
    }

    /** Routes the SDK's log into the server's, once. */
    static synchronized void install() {
        if (installed == null) {
            installed = new SdkLog(System::nanoTime, line -> LOG.warn("OpenTelemetry export: {}", line));
            SDK.setUseParentHandlers(false);
            SDK.addHandler(installed);
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String source = record.getLoggerName() == null ? "" : record.getLoggerName();
        long left = windows.computeIfAbsent(source, s -> new Window()).admit(nanoTime.getAsLong());
        if (left < 0) {
            return;
        }
        String message = source.substring(source.lastIndexOf('.') + 1) + ": " + text.formatMessage(record)
                + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")")
                + (left == 0 ? "" : " [" + left + " more like it in the last minute not shown]");
        out.accept(message);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** One logger's minute: when it last got a line out, and how many it was refused since. */
    private static final class Window {
        private long last;
        private boolean any;
        private long refused;

        /** The number refused since the last line if this one may go out now, else -1. */
        synchronized long admit(long now) {
            if (any && now - last < MINUTE) {
                refused++;
                return -1;
            }
            any = true;
            last = now;
            long left = refused;
            refused = 0;
            return left;
        }
    }
}
