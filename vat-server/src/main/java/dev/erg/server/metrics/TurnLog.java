package dev.erg.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One vat's recent turns and how long its turns take, in decades, kept for the inspector.
 * Written by {@link #ran} on the vat's thread, which runs one turn at a time; read from any
 * thread without stopping the vat.
 *
 * <p>The last {@value #RECENT} turns are kept in a ring with a slot to spare, the one the next
 * turn is written into. A reader reads the count of turns before and after it copies the ring
 * and keeps only the slots no turn overwrote meanwhile, so each turn it answers is whole (its
 * end and its length belong together).
 */
final class TurnLog {

    /** Turns kept in the ring. */
    static final int RECENT = 16;
    /** The upper bounds, in nanoseconds, of the decades of {@link #decades}; the last decade has none. */
    static final long[] BOUNDS = {10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    private final AtomicLong count = new AtomicLong();
    private static final int SLOTS = RECENT + 1;

    private final AtomicLongArray ends = new AtomicLongArray(SLOTS);
    private final AtomicLongArray lengths = new AtomicLongArray(SLOTS);
    private final LongAdder[] decades = new LongAdder[BOUNDS.length + 1];

    TurnLog() {
        for (int i = 0; i < decades.length; i++) {
            decades[i] = new LongAdder();
        }
    }

    /** A turn of {@code nanos} ended at {@code endNanos} ({@link System#nanoTime()}); on the vat's thread. */
    void ran(long endNanos, long nanos) {
        long n = count.get();
        int slot = (int) (n % SLOTS);
        ends.setRelease(slot, endNanos);
        lengths.setRelease(slot, nanos);
        count.setRelease(n + 1);
        decades[decade(nanos)].increment();
    }

    /** The decade {@code nanos} falls in: the index of the first bound above it, or past the last bound. */
    static int decade(long nanos) {
        int i = 0;
        while (i < BOUNDS.length && nanos >= BOUNDS[i]) {
            i++;
        }
        return i;
    }

    /** Turns counted in each decade, fastest first: under 10 µs, 100 µs, 1 ms, 10 ms, 100 ms, 1 s, and longer. */
    List<Long> decades() {
        List<Long> counts = new ArrayList<>(decades.length);
        for (LongAdder d : decades) {
            counts.add(d.sum());
        }
        return counts;
    }

    /** The recent turns, newest first, their ends measured from {@code nowNanos}. */
    List<RecentTurn> recent(long nowNanos) {
        long before = count.getAcquire();
        long[] end = new long[SLOTS];
        long[] length = new long[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            end[i] = ends.getAcquire(i);
            length[i] = lengths.getAcquire(i);
        }
        long after = count.getAcquire();
        List<RecentTurn> turns = new ArrayList<>(RECENT);
        // Turn index `after` may be half written, over the slot of after - SLOTS; older ones may have been overwritten whole.
        long oldest = Math.max(0, Math.max(before, after) - RECENT);
        for (long n = before - 1; n >= oldest; n--) {
            int slot = (int) (n % SLOTS);
            turns.add(new RecentTurn(n + 1, TimeUnit.NANOSECONDS.toMillis(Math.max(0, nowNanos - end[slot])),
                    TimeUnit.NANOSECONDS.toMicros(length[slot])));
        }
        return turns;
    }
}
