package dev.erg.vat;

import java.time.Instant;
import java.util.random.RandomGenerator;

/** Runs vats' turns and timers: on a thread pool, or deterministically on one thread. */
abstract sealed class Scheduler permits PoolScheduler, DeterministicScheduler {

    /** Arranges for {@link Vat#runTurns} to be called; the vat's scheduled flag is held. */
    abstract void submit(Vat vat);

    /**
     * Whether a thread that receives messages may run an idle vat's turns itself instead of
     * submitting the vat ({@link HereTurns}); a deterministic scheduler runs every turn.
     */
    boolean runsTurnsHere() {
        return false;
    }

    /** Runs {@code action} once {@code delayNanos} have passed on this scheduler's clock. */
    abstract void schedule(long delayNanos, Runnable action);

    abstract Instant now();

    /** The random source of the vat created {@code vatSequence}-th in this scheduler's runtime. */
    abstract RandomGenerator randomFor(long vatSequence);

    /** Stops running vats and timers; waits briefly for running turns to finish. */
    abstract void close();
}
