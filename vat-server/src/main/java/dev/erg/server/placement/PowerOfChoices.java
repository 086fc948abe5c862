package dev.erg.server.placement;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Samples {@code k} accepting servers and puts the vat on the one whose utilisation, with the
 * vat's load added, is lowest. Two choices already take the maximum load of balls into bins
 * from log n / log log n down to log log n (Mitzenmacher's power of two choices), and sampling
 * rather than scanning keeps placers that see stale loads from all piling onto the same
 * least-loaded server. Orleans' resource-optimised placement ranks sampled silos the same way
 * by their measured resource use.
 */
public final class PowerOfChoices implements PlacementPolicy {

    private final int k;

    /** A policy that compares {@code k} sampled servers; {@code k} at least 1. */
    public PowerOfChoices(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: " + k + " (expected: >= 1)");
        }
        this.k = k;
    }

    @Override
    public Optional<String> choose(VatView vat, List<ServerView> servers, RandomGenerator random) {
        List<ServerView> accepting = servers.stream().filter(ServerView::accepts).toList();
        return Sampling.distinct(accepting, k, random).stream()
                .min(Comparator.comparingDouble(s -> (s.load() + vat.load()) / s.capacity()))
                .map(ServerView::id);
    }
}
