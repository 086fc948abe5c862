package dev.erg.server.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Which {@link Strategy} places each kind of vat, with one for the kinds not named. Immutable:
 * {@link #with} makes a new registry. The strategies it holds keep state of their own (a round
 * robin's cursor, a rebalancer's cool-downs), so a registry serves one placer.
 */
public final class Placement {

    private final Strategy fallback;
    private final Map<String, Strategy> byKind;

    private Placement(Strategy fallback, Map<String, Strategy> byKind) {
        this.fallback = fallback;
        this.byKind = byKind;
    }

    /** A registry that gives every kind {@code fallback}. */
    public static Placement of(Strategy fallback) {
        return new Placement(Objects.requireNonNull(fallback, "fallback"), Map.of());
    }

    /** This registry with vats of {@code kind} placed by {@code strategy}. */
    public Placement with(String kind, Strategy strategy) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(strategy, "strategy");
        Map<String, Strategy> more = new LinkedHashMap<>(byKind);
        more.put(kind, strategy);
        return new Placement(fallback, Collections.unmodifiableMap(more));
    }

    /** The strategy for vats of {@code kind}. */
    public Strategy strategyFor(String kind) {
        return byKind.getOrDefault(kind, fallback);
    }

    /** A server for the new {@code vat}, by its kind's placement policy. */
    public Optional<String> choose(VatView vat, List<ServerView> servers, RandomGenerator random) {
        return strategyFor(vat.kind()).placement().choose(vat, servers, random);
    }

    /**
     * One round of every strategy's rebalancer, each over the vats of its kinds, in the order
     * the strategies were registered (the fallback first); each sees the cluster with the
     * migrations of the ones before it made.
     */
    public List<Migration> rebalance(ClusterView cluster, RandomGenerator random) {
        List<Strategy> strategies = new ArrayList<>();
        strategies.add(fallback);
        for (Strategy s : byKind.values()) {
            if (strategies.stream().noneMatch(known -> known == s)) {
                strategies.add(s);
            }
        }
        List<Migration> all = new ArrayList<>();
        ClusterView view = cluster;
        for (Strategy strategy : strategies) {
            List<VatView> own = view.vats().stream().filter(v -> strategyFor(v.kind()) == strategy).toList();
            List<Migration> moves = strategy.rebalancer().propose(new ClusterView(view.now(), view.servers(), own), random);
            all.addAll(moves);
            view = view.after(moves);
        }
        return List.copyOf(all);
    }
}
