package dev.erg.server.otel;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the spans on their way to the collector and counts those lost: a span enters the
 * batch processor only while fewer than {@code max} are queued or being exported, else it is
 * dropped at once; a batch the exporter could not deliver is lost too. So a collector that is
 * down costs a counted number of spans and a bounded amount of memory, and a vat's turn never
 * waits for it. Which spans are lost is counted exactly, unlike by a processor's own queue,
 * because every span let in is accounted for when its export completes.
 */
final class SpanBudget {

    private final long max;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    SpanBudget(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        this.max = max;
    }

    /** Spans dropped or not delivered so far. */
    long lost() {
        return lost.get();
    }

    /** {@code exporter}, accounting for every span it is given once its export completes. */
    SpanExporter settling(SpanExporter exporter) {
        return new Settling(exporter);
    }

    /** {@code batch}, which exports through {@link #settling}, given only the spans within the budget. */
    SpanProcessor gate(SpanProcessor batch) {
        return new Gate(batch);
    }

    private final class Gate implements SpanProcessor {

        private final SpanProcessor batch;

        Gate(SpanProcessor batch) {
            this.batch = batch;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            batch.onStart(parentContext, span);
        }

        @Override
        public boolean isStartRequired() {
            return batch.isStartRequired();
        }

        @Override
        public void onEnd(ReadableSpan span) {
            if (inFlight.incrementAndGet() > max) {
                inFlight.decrementAndGet();
                lost.incrementAndGet();
                return;
            }
            batch.onEnd(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return batch.shutdown();
        }

        @Override
        public CompletableResultCode forceFlush() {
            return batch.forceFlush();
        }
    }

    private final class Settling implements SpanExporter {

        private final SpanExporter exporter;

        Settling(SpanExporter exporter) {
            this.exporter = exporter;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int n = spans.size();
            CompletableResultCode result;
            try {
                result = exporter.export(spans);
            } catch (RuntimeException e) {
                settle(n, false);
                return CompletableResultCode.ofFailure();
            }
            result.whenComplete(() -> settle(n, result.isSuccess()));
            return result;
        }

        private void settle(int n, boolean delivered) {
            inFlight.addAndGet(-n);
            if (!delivered) {
                lost.addAndGet(n);
            }
        }

        @Override
        public CompletableResultCode flush() {
            return exporter.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return exporter.shutdown();
        }
    }
}
