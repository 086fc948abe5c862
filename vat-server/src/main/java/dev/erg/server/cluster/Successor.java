package dev.erg.server.cluster;

import java.util.Comparator;
import java.util.List;

/** Chooses which live member takes a vat whose member died: placement's decision, made per vat. */
@FunctionalInterface
public interface Successor {

    /**
     * One of {@code candidates}, never empty, to take {@code orphan}; called inside the
     * transaction that takes it, so it must only compute.
     */
    Candidate choose(Placement orphan, List<Candidate> candidates);

    /** The candidate with the fewest placed vats, then the lowest price, then the lowest id: spreads a dead member's vats. */
    static Successor fewestVats() {
        return (orphan, candidates) -> candidates.stream()
                .min(Comparator.comparingLong(Candidate::placedVats)
                        .thenComparingDouble(c -> c.member().price())
                        .thenComparing(c -> c.member().serverId()))
                .orElseThrow();
    }
}
