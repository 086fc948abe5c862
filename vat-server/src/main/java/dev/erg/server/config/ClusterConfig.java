package dev.erg.server.config;

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
 * @param price     the price this server asks per unit of work, read by placement
 * @param placement how this server chooses a server for a vat it spawns: the policy of {@link #PLACEMENTS}
 *                  for each service named, under the key {@code ""} for the others
 * @param rebalance whether this server moves vats off hot servers: one of {@link #REBALANCERS}
 */
public record ClusterConfig(String store, String user, String password, Optional<Path> keyFile, Duration heartbeat,
                            Duration lease, double price, Map<String, String> placement, String rebalance) {

    /** The placement policies a service may be given, by name. */
    public static final List<String> PLACEMENTS = List.of("power-of-two", "round-robin", "random");

    /** The placement policy of services not named, unless configured. */
    public static final String DEFAULT_PLACEMENT = "power-of-two";

    /** The rebalancers a server may run: none, or one that moves vats off hot servers with hysteresis. */
    public static final List<String> REBALANCERS = List.of("off", "hot-spot");

    /** The environment variable holding the cluster key when no key file is configured. */
    public static final String KEY_VARIABLE = "ERG_CLUSTER_KEY";

    /** How often a member renews its lease, unless configured. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);

    /** How long a member's lease lasts, unless configured. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    /** The price a member asks, unless configured. */
    public static final double DEFAULT_PRICE = 1.0;

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
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("the price must be a finite number >= 0");
        }
        placement = Map.copyOf(placement);
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

    /** The URL and user, never the password. */
    @Override
    public String toString() {
        return "ClusterConfig[" + store + " as " + user + ", heartbeat " + heartbeat.toMillis() + " ms, lease "
                + lease.toMillis() + " ms, price " + price + ", placement " + placement + ", rebalance " + rebalance + "]";
    }
}
