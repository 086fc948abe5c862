/**
 * Master/worker across vat-server processes: a {@link dev.erg.samples.workers.Master} counts
 * primes with remote {@link dev.erg.samples.workers.PrimeWorker}s and reassigns the work of
 * one that is lost ({@link dev.erg.samples.workers.PrimeCount}).
 */
package dev.erg.samples.workers;
