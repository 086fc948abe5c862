package dev.erg.vat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Takes the vats that pool threads hold ({@link PoolScheduler}) away from threads that have held
 * them too long in one turn: a thread looks at what it holds only between turns, so a long turn,
 * or one that blocks, would otherwise keep the vat it woke from running on an idle thread. Sweeps
 * run on the timer thread every {@value #INTERVAL_NANOS} ns while some thread holds a vat.
 */
final class HoldSweep {

    static final long INTERVAL_NANOS = 5_000_000;

    private final List<VatThread> threads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean coming = new AtomicBoolean();
    private final ScheduledExecutorService timers;
    private final long holdNanos;
    private final Consumer<Vat> execute;
    private final boolean active;

    /**
     * @param holdNanos how long a vat may be held before a sweep takes it
     * @param execute   gives a vat taken to the pool
     * @param active    false for a pool of one thread, where a vat taken from a thread in a long
     *                  turn would only wait for that thread again: no sweep runs
     */
    HoldSweep(ScheduledExecutorService timers, long holdNanos, Consumer<Vat> execute, boolean active) {
        this.timers = timers;
        this.holdNanos = holdNanos;
        this.execute = execute;
        this.active = active;
    }

    void started(VatThread t) {
        threads.add(t);
    }

    void ended(VatThread t) {
        threads.remove(t);
    }

    /** Called by a thread that has just held a vat: makes sure a sweep is coming. */
    void held() {
        if (active && !coming.get() && coming.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            timers.schedule(this::sweep, INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The runtime is closed: its threads give what they hold to a pool that refuses it.
        }
    }

    private void sweep() {
        if (!sweepOnce()) {
            coming.set(false);
            // A thread that held a vat just before the flag was cleared saw it set and asked for no sweep.
            if (!sweepOnce() || !coming.compareAndSet(false, true)) {
                return;
            }
        }
        schedule();
    }

    /** Takes every vat held too long; returns whether a thread still holds one. */
    private boolean sweepOnce() {
        boolean holding = false;
        long now = System.nanoTime();
        for (VatThread t : threads) {
            Vat held = t.heldNow();
            if (held == null) {
                continue;
            }
            if (now - t.heldSince > holdNanos && t.takeHeld(held)) {
                execute.accept(held);
            } else {
                holding = true;
            }
        }
        return holding;
    }
}
