package dev.erg.vat;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A thread of the runtime's pool, which keeps what a turn asks of its thread in fields rather
 * than thread-locals: which vat runs ({@link Vat#current}) and the tracing state, looked up by
 * every send and every turn queued. Other threads that run turns (an I/O thread, a
 * deterministic scheduler's) keep them in one thread-local, {@link Traces.Frame}. It also holds
 * the vat its turns woke, to run next ({@link PoolScheduler}).
 */
final class VatThread extends ForkJoinWorkerThread {

    /** The vat whose turn runs on this thread, or null. */
    Vat vat;
    /** A vat to run on this thread after the current batch ({@link PoolScheduler}), or null. */
    Vat held;
    /** When {@link #held} was set, in nano time. */
    long heldSince;
    /** Turns run since {@link #held} was set. */
    int heldTurns;
    /** The scheduler whose pool this thread belongs to. */
    final PoolScheduler scheduler;
    /** This thread's tracing state. */
    final Traces.Frame frame = new Traces.Frame();

    VatThread(ForkJoinPool pool, PoolScheduler scheduler) {
        super(pool);
        this.scheduler = scheduler;
    }

    void hold(Vat woken) {
        held = woken;
        heldSince = System.nanoTime();
        heldTurns = 0;
    }

    Vat takeHeld() {
        Vat taken = held;
        held = null;
        return taken;
    }
}
