package dev.erg.server.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OtlpSdkLogTest {

    private static LogRecord record(Level level, String logger, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        return record;
    }

    @Test
    void eachSdkLoggerGetsALineAMinuteSayingHowManyWereLeftOut() {
        AtomicLong now = new AtomicLong(1_000);
        List<String> lines = new ArrayList<>();
        SdkLog log = new SdkLog(now::get, lines::add);

        for (int i = 0; i < 100; i++) {
            log.publish(record(Level.SEVERE, "io.opentelemetry.exporter.internal.http.HttpExporter", "Failed to export spans"));
            now.addAndGet(100_000_000L);
        }
        log.publish(record(Level.WARNING, "io.opentelemetry.sdk.trace.export.BatchSpanProcessor", "Exporter timed out"));
        assertThat(lines).containsExactly("HttpExporter: Failed to export spans", "BatchSpanProcessor: Exporter timed out");

        now.addAndGet(60_000_000_000L);
        log.publish(record(Level.SEVERE, "io.opentelemetry.exporter.internal.http.HttpExporter", "Failed to export spans"));
        assertThat(lines).last().isEqualTo("HttpExporter: Failed to export spans [99 more like it in the last minute not shown]");
    }

    @Test
    void infoAndFinerAreNotCarried() {
        List<String> lines = new ArrayList<>();
        SdkLog log = new SdkLog(() -> 0, lines::add);

        log.publish(record(Level.INFO, "io.opentelemetry.sdk", "started"));
        log.publish(record(Level.FINE, "io.opentelemetry.sdk", "details"));

        assertThat(lines).isEmpty();
    }
}
