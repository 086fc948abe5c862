package dev.erg.vat;

import java.util.ArrayList;

/**
 * Turns that run on the thread that queued them: a network layer's I/O thread, while it
 * {@linkplain #receive receives} messages, claims each idle vat it queues a turn for, and once
 * the messages are handed over runs those vats' turns itself instead of waking a vat thread for
 * them. The answer a turn settles is then written from the same thread too: one hand-off
 * fewer each way per call.
 *
 * <p>A vat still runs one turn at a time: the thread holds the vat's scheduled flag, as a pool
 * thread does. Only a vat the scheduler would start at once is claimed (idle, nothing queued,
 * no turn guard: a guarded vat's turns may commit to a store or be metered), and only by a
 * thread that runs no turn itself. Turns here are bounded, {@value #MAX_TURNS} per vat or
 * {@value #BUDGET_NANOS} ns, after which the rest goes to the pool; and a vat whose turns
 * overran that once goes to the pool for {@value #BACKOFF_NANOS} ns, so that a slow turn does
 * not hold the I/O thread's other connections up again and again.
 */
final class HereTurns {

    static final int MAX_TURNS = 64;
    static final long BUDGET_NANOS = 500_000;
    static final long BACKOFF_NANOS = 100_000_000;

    private static final ThreadLocal<HereTurns> OF_THREAD = ThreadLocal.withInitial(HereTurns::new);

    private final ArrayList<Vat> claimed = new ArrayList<>(4);
    private boolean receiving;

    private HereTurns() {
    }

    /**
     * Runs {@code receive}; then the turns it queued for the vats it claimed, on this thread.
     * Returns whether it claimed any.
     */
    static boolean receive(Runnable receive) {
        HereTurns here = OF_THREAD.get();
        if (here.receiving) {
            // Nested: the outer call runs what is claimed.
            receive.run();
            return false;
        }
        here.receiving = true;
        boolean ran;
        try {
            receive.run();
        } finally {
            // Also when receive threw: the vats claimed are this thread's to run.
            here.receiving = false;
            ran = here.runClaimed();
        }
        return ran;
    }

    /**
     * Whether this thread takes {@code vat}, whose scheduled flag the caller holds, to run its
     * turns after the messages it is receiving; false if the scheduler must be given it.
     */
    static boolean claim(Vat vat) {
        if (Thread.currentThread() instanceof VatThread) {
            return false;
        }
        HereTurns here = OF_THREAD.get();
        if (!here.receiving || Vat.current() != null) {
            return false;
        }
        here.claimed.add(vat);
        return true;
    }

    private boolean runClaimed() {
        if (claimed.isEmpty()) {
            return false;
        }
        // A turn run here may not claim another vat (receiving is false), so the list stays put.
        try {
            for (int i = 0; i < claimed.size(); i++) {
                claimed.get(i).runHere(MAX_TURNS, BUDGET_NANOS);
            }
        } finally {
            claimed.clear();
        }
        return true;
    }
}
