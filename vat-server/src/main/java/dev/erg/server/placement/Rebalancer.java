package dev.erg.server.placement;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Proposes migrations of running vats, one round at a time. Rebalancers never move a vat to or
 * from a {@link Membership#LEAVING leaving} server: draining one is the host's, with its
 * placement policy. A rebalancer may remember earlier rounds (when it last moved a vat, what a
 * vat bid), so one instance serves one placer.
 */
public interface Rebalancer {

    /** A rebalancer that never moves anything. */
    Rebalancer NONE = (cluster, random) -> List.of();

    /**
     * The migrations worth making in {@code cluster} now, at most one per vat, each reckoned
     * with the ones before it applied; randomness is drawn from {@code random}.
     */
    List<Migration> propose(ClusterView cluster, RandomGenerator random);
}
