package dev.erg.server.placement;

/**
 * The cluster and workload that {@link ClusterSimulation} plays, all times in simulated seconds.
 *
 * @param seed               seeds the workload and, separately, the policies' randomness
 * @param servers            servers at the start
 * @param vats               vats at any time (an ended vat is replaced by a new one)
 * @param seconds            simulated time
 * @param capacity           turns per second a server runs
 * @param utilisation        total demand as a share of the starting servers' capacity
 * @param zipf               exponent of the Zipf law of demand over vats
 * @param driftSwapsPerMinute each minute this many of the hottest 1% of vats swap ranks with a
 *                           vat drawn from all, so the hot set keeps changing
 * @param churnPerHour       share of vats that end, and are replaced by new ones, per hour
 * @param membershipPeriod   every this many seconds a server drawn at random leaves, or one joins, in turn
 * @param minServers         a server leaves only while more than this many remain
 * @param joining            seconds a new server counts as joining
 * @param rebalancePeriod    seconds between rounds of rebalancing
 * @param window             seconds over which the host averages measured load
 * @param pause              seconds a vat stops while it migrates; its turns wait meanwhile
 * @param samplePeriod       seconds between samples of max/mean load
 * @param warmUp             seconds left out of the figures
 */
public record SimulationConfig(long seed, int servers, int vats, int seconds, double capacity, double utilisation,
        double zipf, int driftSwapsPerMinute, double churnPerHour, int membershipPeriod, int minServers, int joining,
        int rebalancePeriod, double window, double pause, int samplePeriod, int warmUp) {

    public SimulationConfig {
        if (servers < 1 || vats < 1 || seconds < 1 || minServers < 1) {
            throw new IllegalArgumentException("servers, vats, seconds and minServers must be at least 1");
        }
        if (!(capacity > 0) || !(utilisation > 0) || !(zipf >= 0) || !(window >= 1) || !(pause >= 0 && pause < 1)) {
            throw new IllegalArgumentException("capacity and utilisation > 0, zipf >= 0, window >= 1, pause in [0, 1)");
        }
        if (membershipPeriod < 1 || rebalancePeriod < 1 || samplePeriod < 1 || warmUp < 0 || warmUp >= seconds) {
            throw new IllegalArgumentException("periods must be at least 1 and the warm-up shorter than the run");
        }
    }

    /**
     * The bench: 50 servers, 10,000 vats, two simulated hours with a server joining or leaving
     * every ten minutes. The Zipf exponent is 0.6, which puts 1% of all demand on the hottest
     * vat, half a server's mean load; at 1.0 that vat alone would need five servers, and no
     * placement could balance it.
     */
    public static SimulationConfig full(long seed) {
        return new SimulationConfig(seed, 50, 10_000, 7_200, 1_000, 0.7, 0.6, 20, 0.06, 600, 40, 60,
                10, 20, 0.2, 60, 600);
    }

    /** The CI run: 10 servers, 500 vats, fifteen simulated minutes, a server joining or leaving every three. */
    public static SimulationConfig small(long seed) {
        return new SimulationConfig(seed, 10, 500, 900, 1_000, 0.7, 0.6, 2, 0.06, 180, 8, 60,
                10, 20, 0.2, 30, 180);
    }

    /** This configuration with no drift, churn or change of servers, so that balance can be reached and kept. */
    public SimulationConfig still() {
        return new SimulationConfig(seed, servers, vats, seconds, capacity, utilisation, zipf, 0, 0, seconds + 1,
                minServers, joining, rebalancePeriod, window, pause, samplePeriod, warmUp);
    }

    /** This configuration with another seed. */
    public SimulationConfig withSeed(long other) {
        return new SimulationConfig(other, servers, vats, seconds, capacity, utilisation, zipf, driftSwapsPerMinute,
                churnPerHour, membershipPeriod, minServers, joining, rebalancePeriod, window, pause, samplePeriod, warmUp);
    }
}
