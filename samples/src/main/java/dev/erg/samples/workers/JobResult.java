package dev.erg.samples.workers;

import dev.erg.vat.Passable;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a job.
 *
 * @param primes     the number of primes in the job's ranges
 * @param counted    how many ranges each worker counted, of those that made the total
 * @param reassigned the ranges counted again because their worker was lost, in order
 * @param lost       the workers lost, in order
 */
@Passable("erg.samples.workers.JobResult")
public record JobResult(long primes, Map<String, Integer> counted, List<Range> reassigned, List<String> lost) {

    public JobResult {
        counted = Map.copyOf(counted);
        reassigned = List.copyOf(reassigned);
        lost = List.copyOf(lost);
    }
}
