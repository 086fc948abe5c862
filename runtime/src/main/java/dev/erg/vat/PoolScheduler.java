package dev.erg.vat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The production scheduler: vats share a work-stealing pool of a few threads, each vat
 * running a batch of turns before yielding its thread to the next.
 */
final class PoolScheduler extends Scheduler {

    private final ForkJoinPool pool;
    private final ScheduledThreadPoolExecutor timers;
    private final int turnsPerBatch;
    private final SecureRandom seeds = new SecureRandom();

    PoolScheduler(int threads, int turnsPerBatch) {
        this.turnsPerBatch = turnsPerBatch;
        this.pool = new ForkJoinPool(threads, p -> {
            VatThread t = new VatThread(p);
            t.setName("erg-vat-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, true);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "erg-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    void submit(Vat vat) {
        try {
            pool.execute(() -> vat.runTurns(turnsPerBatch));
        } catch (RejectedExecutionException e) {
            vat.abandon();
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
