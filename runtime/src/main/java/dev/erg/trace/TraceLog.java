package dev.erg.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The trace log of one vat: a ring buffer that keeps its most recent events, oldest first,
 * and hands each to the tracer's sink, if any. Thread-safe: a vat's own turns write most of
 * its events, but a network thread records the answers that arrive for it.
 */
public final class TraceLog {

    private final String vat;
    private final TraceEvent[] ring;
    private final TraceSink sink;
    private long written;

    TraceLog(String vat, int capacity, TraceSink sink) {
        this.vat = vat;
        this.ring = new TraceEvent[capacity];
        this.sink = sink;
    }

    /** The name of the vat whose log this is. */
    public String vat() {
        return vat;
    }

    /** Records an event. */
    public void record(TraceEvent.Kind kind, TraceContext context, long parent, long cause, String label) {
        add(new TraceEvent(kind, vat, context, parent, cause, label, "", "", 0));
    }

    /** Records the end of the turn {@code context}, which took {@code nanos}. */
    public void ended(TraceContext context, long nanos) {
        add(new TraceEvent(TraceEvent.Kind.END, vat, context, 0, 0, "", "", "", nanos));
    }

    /** Records that the answer {@code context} broke with a problem, in turn {@code parent}. */
    public void broke(TraceContext context, long parent, long cause, String problemKind, String problemMessage) {
        add(new TraceEvent(TraceEvent.Kind.BREAK, vat, context, parent, cause, "", problemKind, problemMessage, 0));
    }

    private synchronized void add(TraceEvent event) {
        ring[(int) (written % ring.length)] = event;
        written++;
        if (sink != null) {
            sink.accept(event);
        }
    }

    /** The events kept, oldest first. */
    public synchronized List<TraceEvent> events() {
        int kept = (int) Math.min(written, ring.length);
        List<TraceEvent> events = new ArrayList<>(kept);
        for (long i = written - kept; i < written; i++) {
            events.add(ring[(int) (i % ring.length)]);
        }
        return events;
    }

    /** How many events were recorded in all, including those the ring has since overwritten. */
    public synchronized long written() {
        return written;
    }
}
