package dev.erg.trace;

/**
 * Where a {@link Tracer} copies each event as it is recorded, besides the vats' ring buffers:
 * a {@link TraceFile}, or an exporter. Called on the thread that records the event, under the
 * recording log's lock; it must be quick and must not throw.
 */
@FunctionalInterface
public interface TraceSink {

    /** Takes one event. */
    void accept(TraceEvent event);
}
