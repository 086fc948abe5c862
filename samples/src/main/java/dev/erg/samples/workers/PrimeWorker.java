package dev.erg.samples.workers;

import dev.erg.vat.Promise;

/** A worker of the master/worker sample: it counts primes in the ranges it is given. */
public interface PrimeWorker {

    /** The number of primes {@code p} with {@code from <= p < to}. */
    Promise<Long> countPrimes(long from, long to);
}
