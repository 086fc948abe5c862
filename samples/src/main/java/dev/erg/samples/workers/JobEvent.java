package dev.erg.samples.workers;

import dev.erg.vat.Problem;

/** What a {@link Master} reports as a job goes on, in the order it happens. */
public sealed interface JobEvent {

    /** {@code worker} was sent {@code range} to count. */
    record Assigned(String worker, Range range) implements JobEvent {
    }

    /** {@code worker} answered: {@code primes} primes in {@code range}. */
    record Counted(String worker, Range range, long primes) implements JobEvent {
    }

    /** {@code worker} is gone, for the reason {@code problem}; it is sent nothing more. */
    record WorkerLost(String worker, Problem problem) implements JobEvent {
    }

    /** {@code range}, which {@code worker} was counting when it was lost, goes back to be counted again. */
    record Reassigned(Range range, String worker) implements JobEvent {
    }
}
