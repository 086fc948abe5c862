package dev.erg.server.placement;

import java.util.List;

/**
 * What one run of {@link ClusterSimulation} measured after its warm-up.
 *
 * @param policy             the contender's name
 * @param seed               the seed of the run
 * @param meanMaxOverMean    the busiest server's utilisation over the mean, averaged over samples
 * @param worstMaxOverMean   the same at the worst sample
 * @param rebalancingPerHour migrations the rebalancer made, per simulated hour
 * @param drainingPerHour    vats moved off leaving servers, per simulated hour
 * @param p99Millis          99th percentile of turn latency, queueing, migration pauses and
 *                           waiting for funds included, in milliseconds
 * @param p99ServedMillis    the same from when a turn was paid for: waiting for funds left out
 * @param overspentVats      vats whose spending went past their balance
 * @param vats               vats that lived during the run
 * @param deferredShare      share of asked-for turns that had to wait for funds
 * @param sampleMinutes      when each sample was taken, in minutes, warm-up included
 * @param maxOverMean        the busiest server's utilisation over the mean at each sample
 * @param migrations         migrations (rebalancing and draining) in the period before each sample
 * @param digest             a hash of every migration in order, to tell runs apart
 */
public record SimulationResult(String policy, long seed, double meanMaxOverMean, double worstMaxOverMean,
        double rebalancingPerHour, double drainingPerHour, double p99Millis, double p99ServedMillis, long overspentVats, long vats,
        double deferredShare, List<Double> sampleMinutes, List<Double> maxOverMean, List<Integer> migrations,
        long digest) {

    public SimulationResult {
        sampleMinutes = List.copyOf(sampleMinutes);
        maxOverMean = List.copyOf(maxOverMean);
        migrations = List.copyOf(migrations);
    }
}
