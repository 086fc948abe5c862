package dev.erg.vat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(VatThread.class, "held", Vat.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The vat whose turn runs on this thread, or null. */
    Vat vat;
    /**
     * A vat to run on this thread after the current batch ({@link PoolScheduler}), or null.
     * Read plainly by this thread; taken atomically, since a {@link HoldSweep} may take it too.
     */
    Vat held;
    /** When {@link #held} was set, in nano time; written before it. */
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
        heldSince = System.nanoTime();
        heldTurns = 0;
        HELD.setRelease(this, woken);
        scheduler.sweep().held();
    }

    /** Takes the vat this thread holds, or null if none (or a sweep took it). */
    Vat takeHeld() {
        return held == null ? null : (Vat) HELD.getAndSet(this, null);
    }

    /** For another thread: the vat this thread holds, with {@link #heldSince} as written before it. */
    Vat heldNow() {
        return (Vat) HELD.getAcquire(this);
    }

    /** For another thread: takes {@code expected} if this thread still holds it. */
    boolean takeHeld(Vat expected) {
        return HELD.compareAndSet(this, expected, null);
    }

    @Override
    protected void onStart() {
        super.onStart();
        scheduler.sweep().started(this);
    }

    @Override
    protected void onTermination(Throwable exception) {
        scheduler.sweep().ended(this);
        super.onTermination(exception);
    }
}
