package dev.erg.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trace log of one vat: a ring buffer that keeps its most recent events, oldest first,
 * and hands each to the tracer's sink, if any. Thread-safe: a vat's own turns write most of
 * its events, but a network thread records the answers that arrive for it.
 *
 * <p>The ring keeps each field of an event in an array of its own, and makes a
 * {@link TraceEvent} only when the events are read (or a sink takes one): recording allocates
 * nothing. The arrays are made with the first event, small, and grow to the capacity as the
 * log fills, so that a vat that records little (or nothing: most, when few roots are sampled)
 * holds little.
 */
public final class TraceLog {

    private static final int FIRST_SLOTS = 64;
    private static final TraceEvent.Kind[] KINDS = TraceEvent.Kind.values();

    private final String vat;
    private final int capacity;
    private final TraceSink sink;
    private byte[] kinds = {};
    private TraceContext[] contexts = {};
    private long[] parents = {};
    private long[] causes = {};
    private long[] nanos = {};
    /** A send's or begin's label; a break's problem kind. */
    private String[] labels = {};
    /** A break's problem message, else null. */
    private String[] problems = {};
    /** The slot the next event takes. */
    private int next;
    private long written;

    TraceLog(String vat, int capacity, TraceSink sink) {
        this.vat = vat;
        this.capacity = capacity;
        this.sink = sink;
    }

    /** The name of the vat whose log this is. */
    public String vat() {
        return vat;
    }

    /** Records an event. */
    public void record(TraceEvent.Kind kind, TraceContext context, long parent, long cause, String label) {
        add(kind, context, parent, cause, label, null, 0);
    }

    /** Records the end of the turn {@code context}, which took {@code nanos}. */
    public void ended(TraceContext context, long nanos) {
        add(TraceEvent.Kind.END, context, 0, 0, "", null, nanos);
    }

    /** Records that the answer {@code context} broke with a problem, in turn {@code parent}. */
    public void broke(TraceContext context, long parent, long cause, String problemKind, String problemMessage) {
        add(TraceEvent.Kind.BREAK, context, parent, cause, problemKind, problemMessage, 0);
    }

    private synchronized void add(TraceEvent.Kind kind, TraceContext context, long parent, long cause, String label,
                                  String problem, long took) {
        if (next == kinds.length && next < capacity) {
            grow();
        }
        int slot = next;
        kinds[slot] = (byte) kind.ordinal();
        contexts[slot] = context;
        parents[slot] = parent;
        causes[slot] = cause;
        nanos[slot] = took;
        labels[slot] = label;
        problems[slot] = problem;
        next = slot + 1 == capacity ? 0 : slot + 1;
        written++;
        if (sink != null) {
            sink.accept(event(slot));
        }
    }

    /**
     * Makes the arrays larger (the first time, makes them), while the ring has not yet wrapped:
     * every slot in use is before {@code next}.
     */
    private void grow() {
        int slots = (int) Math.min(capacity, Math.max(FIRST_SLOTS, 2L * kinds.length));
        kinds = Arrays.copyOf(kinds, slots);
        contexts = Arrays.copyOf(contexts, slots);
        parents = Arrays.copyOf(parents, slots);
        causes = Arrays.copyOf(causes, slots);
        nanos = Arrays.copyOf(nanos, slots);
        labels = Arrays.copyOf(labels, slots);
        problems = Arrays.copyOf(problems, slots);
    }

    private TraceEvent event(int slot) {
        TraceEvent.Kind kind = KINDS[kinds[slot]];
        boolean broke = kind == TraceEvent.Kind.BREAK;
        return new TraceEvent(kind, vat, contexts[slot], parents[slot], causes[slot], broke ? "" : labels[slot],
                broke ? labels[slot] : "", broke ? problems[slot] : "", nanos[slot]);
    }

    /** The events kept, oldest first. */
    public synchronized List<TraceEvent> events() {
        int kept = (int) Math.min(written, capacity);
        List<TraceEvent> events = new ArrayList<>(kept);
        int first = written > capacity ? next : 0;
        for (int i = 0; i < kept; i++) {
            int slot = first + i;
            events.add(event(slot < capacity ? slot : slot - capacity));
        }
        return events;
    }

    /** How many events were recorded in all, including those the ring has since overwritten. */
    public synchronized long written() {
        return written;
    }
}
