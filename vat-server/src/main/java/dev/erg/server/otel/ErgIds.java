package dev.erg.server.otel;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * Gives the OpenTelemetry SDK the ids Erg already chose for a turn, so that the exported span
 * carries the turn's own trace and span id: the SDK asks for ids on the thread that starts a
 * span, inside {@code startSpan}, so {@link TurnSpans} names them here just before. A span
 * started without naming them (none is) gets random ids.
 */
final class ErgIds implements IdGenerator {

    private static final IdGenerator RANDOM = IdGenerator.random();

    private final ThreadLocal<String[]> next = ThreadLocal.withInitial(() -> new String[2]);

    /** Makes the next span started on this thread take {@code traceId} (if it has no parent) and {@code spanId}. */
    void name(String traceId, String spanId) {
        String[] ids = next.get();
        ids[0] = traceId;
        ids[1] = spanId;
    }

    /** Forgets ids named and not taken. */
    void clear() {
        String[] ids = next.get();
        ids[0] = null;
        ids[1] = null;
    }

    @Override
    public String generateSpanId() {
        String[] ids = next.get();
        String span = ids[1];
        ids[1] = null;
        return span != null ? span : RANDOM.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        String[] ids = next.get();
        String trace = ids[0];
        ids[0] = null;
        return trace != null ? trace : RANDOM.generateTraceId();
    }

    @Override
    public boolean generatesRandomTraceIds() {
        return false;
    }
}
