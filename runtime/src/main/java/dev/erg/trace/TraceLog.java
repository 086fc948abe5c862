package dev.erg.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trace log of one vat: a ring buffer that keeps its most recent events, oldest first,
 * and hands each to the tracer's sink, if any. Thread-safe: a vat's own turns write most of
 * its events, but a network thread records the answers that arrive for it.
 *
 * <p>The ring keeps an event's numbers (its context's among them) side by side in one array of
 * longs, its kind, labels and problem in arrays of their own, and makes a {@link TraceEvent}
 * only when the events are read (or a sink takes one): recording allocates nothing and keeps
 * no object of the turn that recorded it alive, which would cost every young collection the
 * copying of a ring's worth of contexts. The arrays are made with the first event, small, and
 * grow to the capacity as the log fills, so that a vat that records little (or nothing: most,
 * when few roots are sampled) holds little.
 */
public final class TraceLog {

    private static final int FIRST_SLOTS = 64;
    private static final TraceEvent.Kind[] KINDS = TraceEvent.Kind.values();
    /**
     * The longs of an event, side by side from this many times its slot on: its context's
     * trace id (high and low), span and parent, then its own parent, cause and turn time.
     */
    private static final int NUMBERS = 7;

    private final String vat;
    private final int capacity;
    private final TraceSink sink;
    /** An event's kind in the low byte, its context's flags in the high one. */
    private short[] kinds = {};
    private long[] numbers = {};
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

    /** Records the end of the turn {@code context}, which took {@code nanos} (0: not measured; see {@link Tracer#timesTurns}). */
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
        kinds[slot] = (short) (kind.ordinal() | (context.flags() & 0xFF) << 8);
        int at = slot * NUMBERS;
        numbers[at] = context.traceHigh();
        numbers[at + 1] = context.traceLow();
        numbers[at + 2] = context.span();
        numbers[at + 3] = context.parent();
        numbers[at + 4] = parent;
        numbers[at + 5] = cause;
        numbers[at + 6] = took;
        labels[slot] = label;
        problems[slot] = problem;
        next = slot + 1 == capacity ? 0 : slot + 1;
        written++;
        if (sink != null) {
            // The event as given: reading it back from the slot would make its context again.
            sink.accept(event(kind, context, parent, cause, label, problem, took));
        }
    }

    /**
     * Makes the arrays larger (the first time, makes them), while the ring has not yet wrapped:
     * every slot in use is before {@code next}.
     */
    private void grow() {
        int slots = (int) Math.min(capacity, Math.max(FIRST_SLOTS, 2L * kinds.length));
        kinds = Arrays.copyOf(kinds, slots);
        numbers = Arrays.copyOf(numbers, slots * NUMBERS);
        labels = Arrays.copyOf(labels, slots);
        problems = Arrays.copyOf(problems, slots);
    }

    private TraceEvent event(int slot) {
        int at = slot * NUMBERS;
        TraceContext context = new TraceContext(numbers[at], numbers[at + 1], numbers[at + 2], (byte) (kinds[slot] >> 8),
                numbers[at + 3]);
        return event(KINDS[kinds[slot] & 0xFF], context, numbers[at + 4], numbers[at + 5], labels[slot], problems[slot],
                numbers[at + 6]);
    }

    /** The event recorded with these fields: a break's label is its problem kind. */
    private TraceEvent event(TraceEvent.Kind kind, TraceContext context, long parent, long cause, String label,
                             String problem, long took) {
        boolean broke = kind == TraceEvent.Kind.BREAK;
        return new TraceEvent(kind, vat, context, parent, cause, broke ? "" : label, broke ? label : "",
                broke ? problem : "", took);
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
