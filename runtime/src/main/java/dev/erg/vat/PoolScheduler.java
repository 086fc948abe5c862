package dev.erg.vat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The production scheduler: vats share a work-stealing pool of a few threads, each vat
 * running a batch of turns before yielding its thread to the next.
 *
 * <p>A vat woken by a turn is held by the thread that runs the turn, and runs there after the
 * current batch, instead of waking another thread to take it: a request and its answer between
 * two vats then stay on one core, where handing each to the other core would cost more than the
 * turns themselves. A vat held longer than {@link #HOLD_NANOS} (checked between turns, and by
 * a {@link HoldSweep} during a long turn), or beyond {@link #MAX_HELD_IN_A_ROW} batches in a row,
 * goes to the pool, where an idle thread takes it.
 */
final class PoolScheduler extends Scheduler {

    /** How long a thread holds a vat it woke, by default, before an idle thread may take it. */
    static final long HOLD_NANOS = 100_000;
    /** How many held vats a thread runs, one after the other, before it gives the next to the pool. */
    static final int MAX_HELD_IN_A_ROW = 4;

    private final ForkJoinPool pool;
    private final ScheduledThreadPoolExecutor timers;
    private final int turnsPerBatch;
    private final long holdNanos;
    private final SecureRandom seeds = new SecureRandom();
    private final AtomicInteger made = new AtomicInteger();
    private final HoldSweep sweep;

    /** @param holdNanos how long a thread may hold a vat it woke ({@link #HOLD_NANOS}) */
    PoolScheduler(int threads, int turnsPerBatch, long holdNanos) {
        this.turnsPerBatch = turnsPerBatch;
        this.holdNanos = holdNanos;
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "erg-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.sweep = new HoldSweep(timers, holdNanos, this::execute, threads > 1);
        this.pool = new ForkJoinPool(threads, p -> {
            VatThread t = new VatThread(p, this);
            // Numbered here: a worker has no pool index yet while it is made.
            t.setName("erg-vat-" + made.getAndIncrement());
            t.setDaemon(true);
            return t;
        }, null, true);
    }

    /** The sweep that takes vats held too long from pool threads. */
    HoldSweep sweep() {
        return sweep;
    }

    @Override
    void submit(Vat vat) {
        if (Thread.currentThread() instanceof VatThread t && t.scheduler == this && mayHold(t)) {
            t.hold(vat);
            return;
        }
        execute(vat);
    }

    /**
     * Whether {@code t} may keep a vat to run next: while it runs a turn (the vat was woken by
     * it) of a vat without a guard, whose turns may commit to a store or be stopped and so take
     * long; or between batches, when nothing else waits for this thread.
     */
    private boolean mayHold(VatThread t) {
        if (t.held != null) {
            return false;
        }
        Vat running = t.vat;
        return running != null ? running.guard == null
                : ForkJoinTask.getQueuedTaskCount() == 0 && !pool.hasQueuedSubmissions();
    }

    /** Gives the vat {@code t} holds to the pool if it has waited too long. */
    void releaseIfLate(VatThread t) {
        if (System.nanoTime() - t.heldSince > holdNanos) {
            release(t);
        }
    }

    private void release(VatThread t) {
        Vat held = t.takeHeld();
        if (held != null) {
            execute(held);
        }
    }

    private void execute(Vat vat) {
        try {
            pool.execute(() -> run(vat));
        } catch (RejectedExecutionException e) {
            vat.abandon();
        }
    }

    /** Runs a batch of {@code vat}, then of the vats its thread held meanwhile, a few in a row. */
    private void run(Vat vat) {
        VatThread t = (VatThread) Thread.currentThread();
        try {
            vat.runTurns(turnsPerBatch);
            for (int i = 0; i < MAX_HELD_IN_A_ROW; i++) {
                Vat held = t.takeHeld();
                if (held == null) {
                    break;
                }
                held.runTurns(turnsPerBatch);
            }
        } finally {
            release(t);
        }
    }

    @Override
    boolean runsTurnsHere() {
        return true;
    }

    @Override
    void schedule(long delayNanos, Runnable action) {
        try {
            timers.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The runtime is closed; the timer's promise stays pending, as time has stopped.
        }
    }

    @Override
    Instant now() {
        return Instant.now();
    }

    @Override
    RandomGenerator randomFor(long vatSequence) {
        long seed;
        synchronized (seeds) {
            seed = seeds.nextLong();
        }
        return new SplittableRandom(seed);
    }

    @Override
    void close() {
        timers.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
