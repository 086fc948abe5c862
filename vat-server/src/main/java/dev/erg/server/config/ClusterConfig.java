package dev.erg.server.config;

import dev.erg.server.placement.PriceCurve;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server takes part in a cluster: the shared PostgreSQL database holding the cluster's
 * membership and directory, the cluster key that seals the placed vats' private keys, and the
 * rhythm of its lease.
 *
 * @param store     the cluster's database, a {@code jdbc:postgresql://HOST:PORT/DB} URL
 * @param user      the database user
 * @param password  the user's password; empty for none
 * @param keyFile   the file holding the cluster key; empty to take it from {@value #KEY_VARIABLE}
 * @param heartbeat how often the server renews its lease and posts its load
 * @param lease     how long a lease lasts from its last renewal, by the database's clock
 * @param price     the price of a turn on this server when it is idle; the price it posts rises
 *                  with its load along {@link #prices()}
 * @param capacity  the turns per second this server is taken to manage, against which its load is
 *                  priced and, when it places or rebalances, every member's load is measured
 * @param placement how this server chooses a server for a vat it spawns: the policy of {@link #PLACEMENTS}
 *                  for each service named, under the key {@code ""} for the others
 * @param rebalance whether and how this server moves running vats: one of {@link #REBALANCERS}
 * @param budget    under agoric rebalancing, the credits per turn a vat is funded with, for each
 *                  service named, under the key {@code ""} for the others
 */
public record ClusterConfig(String store, String user, String password, Optional<Path> keyFile, Duration heartbeat,
                            Duration lease, double price, double capacity, Map<String, String> placement,
                            String rebalance, Map<String, Double> budget) {

    /** The placement policies a service may be given, by name. */
    public static final List<String> PLACEMENTS = List.of("power-of-two", "round-robin", "random", "agoric");

    /** The placement policy of services not named, unless configured. */
    public static final String DEFAULT_PLACEMENT = "power-of-two";

    /**
     * The rebalancers a server may run: none, one that moves vats off hot servers with
     * hysteresis, or a market in which vats bid to move where their turns cost less.
     */
    public static final List<String> REBALANCERS = List.of("off", "hot-spot", "agoric");

    /** The environment variable holding the cluster key when no key file is configured. */
    public static final String KEY_VARIABLE = "ERG_CLUSTER_KEY";

    /** How often a member renews its lease, unless configured. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);

    /** How long a member's lease lasts, unless configured. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    /** The price a member asks, unless configured. */
    public static final double DEFAULT_PRICE = 1.0;

    /** The turns per second a member is taken to manage, unless configured. */
    public static final double DEFAULT_CAPACITY = 1000;

    /** The credits per turn a vat is funded with, unless configured: what a turn costs at 75% utilisation. */
    public static final double DEFAULT_BUDGET = 4.0;

    /** The utilisation past which posted prices stop rising, so that an overloaded server's price stays finite. */
    public static final double PRICE_CEILING = 0.95;

    /** Checks that the lease outlasts two heartbeats, so one late renewal loses nothing. */
    public ClusterConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(keyFile, "keyFile");
        if (heartbeat.isNegative() || heartbeat.isZero() || lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease (" + lease.toMillis() + " ms) must last at least two heartbeats ("
                    + heartbeat.toMillis() + " ms each)");
        }
        if (!(price > 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("the price must be a finite number > 0");
        }
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("the capacity must be a finite number > 0");
        }
        placement = Map.copyOf(placement);
        budget = Map.copyOf(budget);
        for (double b : budget.values()) {
            if (!(b >= 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("a budget must be a finite number >= 0");
            }
        }
        for (String policy : placement.values()) {
            if (!PLACEMENTS.contains(policy)) {
                throw new IllegalArgumentException("unknown placement policy \"" + policy + "\" (expected one of "
                        + String.join(", ", PLACEMENTS) + ")");
            }
        }
        if (!REBALANCERS.contains(rebalance)) {
            throw new IllegalArgumentException("unknown rebalancer \"" + rebalance + "\" (expected one of "
                    + String.join(", ", REBALANCERS) + ")");
        }
    }

    /** The placement policy of vats running {@code service}. */
    public String placementOf(String service) {
        return placement.getOrDefault(service, placement.getOrDefault("", DEFAULT_PLACEMENT));
    }

    /** The credits per turn a vat running {@code service} is funded with. */
    public double budgetOf(String service) {
        return budget.getOrDefault(service, budget.getOrDefault("", DEFAULT_BUDGET));
    }

    /**
     * How prices rise with utilisation, from this server's idle {@link #price()}: every member
     * prices by this curve, and a member with agoric placement or rebalancing reckons what a
     * vat would pay elsewhere by it.
     */
    public PriceCurve prices() {
        return new PriceCurve(price, PRICE_CEILING);
    }

    /** The price this server posts when its vats run {@code turnsPerSecond}. */
    public double postedPrice(double turnsPerSecond) {
        return prices().price(turnsPerSecond / capacity);
    }

    /** The URL and user, never the password. */
    @Override
    public String toString() {
        return "ClusterConfig[" + store + " as " + user + ", heartbeat " + heartbeat.toMillis() + " ms, lease "
                + lease.toMillis() + " ms, price " + price + ", capacity " + capacity + ", placement " + placement + ", rebalance "
                + rebalance + ", budget " + budget + "]";
    }
}
