package dev.erg.server.placement;

import static dev.erg.server.placement.Views.cluster;
import static dev.erg.server.placement.Views.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private final SplittableRandom random = new SplittableRandom(6);
    private final List<ServerView> servers = List.of(server("a", 10), server("b", 20));

    private static Strategy always(String server) {
        return new Strategy("always " + server, (vat, servers, random) -> Optional.of(server), Rebalancer.NONE);
    }

    @Test
    void placesEachKindByItsStrategyAndTheRestByTheFallback() {
        Placement placement = Placement.of(always("a")).with("cache", always("b"));
        assertThat(placement.choose(VatView.unplaced("v", "cache", 1, 1, 1), servers, random)).contains("b");
        assertThat(placement.choose(VatView.unplaced("w", "worker", 1, 1, 1), servers, random)).contains("a");
        assertThat(placement.strategyFor("worker").name()).isEqualTo("always a");
    }

    @Test
    void withLeavesTheOriginalRegistryAsItWas() {
        Placement plain = Placement.of(always("a"));
        plain.with("cache", always("b"));
        assertThat(plain.strategyFor("cache").name()).isEqualTo("always a");
    }

    @Test
    void eachRebalancerSeesOnlyItsKindsAndTheMovesOfTheOnesBefore() {
        List<List<String>> seenByCache = new ArrayList<>();
        List<Double> loadOfBSeenByCache = new ArrayList<>();
        Rebalancer moveWorkers = (cluster, random) -> cluster.vats().stream()
                .map(v -> new Migration(v.id(), v.server(), "b", 0)).toList();
        Rebalancer watchCaches = (cluster, random) -> {
            seenByCache.add(cluster.vats().stream().map(VatView::id).toList());
            loadOfBSeenByCache.add(cluster.server("b").orElseThrow().load());
            return List.of();
        };
        Placement placement = Placement.of(new Strategy("workers", new RoundRobin(), moveWorkers))
                .with("cache", new Strategy("caches", new RoundRobin(), watchCaches));
        ClusterView cluster = cluster(servers, List.of(
                new VatView("w1", "worker", 4, 1, 1, "a"),
                new VatView("c1", "cache", 6, 1, 1, "a")));

        List<Migration> moves = placement.rebalance(cluster, random);

        assertThat(moves).extracting(Migration::vat).containsExactly("w1");
        assertThat(seenByCache).containsExactly(List.of("c1"));
        assertThat(loadOfBSeenByCache).containsExactly(24.0);
    }
}
