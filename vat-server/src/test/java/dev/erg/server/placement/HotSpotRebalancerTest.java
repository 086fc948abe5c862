package dev.erg.server.placement;

import static dev.erg.server.placement.Views.cluster;
import static dev.erg.server.placement.Views.server;
import static dev.erg.server.placement.Views.vat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HotSpotRebalancerTest {

    private static final Hysteresis RULES = new Hysteresis(0.05, 0.01, Duration.ofMinutes(10), 25);
    private final SplittableRandom random = new SplittableRandom(4);

    /** Nine vats of 10 turns/s on a, five on b, four on c: mean utilisation 0.6, a at 0.9. */
    private static ClusterView skewed() {
        List<VatView> vats = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            vats.add(vat("a" + i, 10, "a"));
        }
        for (int i = 0; i < 5; i++) {
            vats.add(vat("b" + i, 10, "b"));
        }
        for (int i = 0; i < 4; i++) {
            vats.add(vat("c" + i, 10, "c"));
        }
        return cluster(List.of(server("a", 90), server("b", 50), server("c", 40)), vats);
    }

    @Test
    void movesVatsOffTheHotServerUntilItIsWithinTheBandAndThenStops() {
        HotSpotRebalancer rebalancer = new HotSpotRebalancer(RULES);
        ClusterView before = skewed();
        List<Migration> moves = rebalancer.propose(before, random);

        assertThat(moves).hasSize(3).allSatisfy(m -> {
            assertThat(m.from()).isEqualTo("a");
            assertThat(m.to()).isIn("b", "c");
        });
        ClusterView after = before.after(moves);
        assertThat(after.servers()).allSatisfy(s -> assertThat(s.utilisation()).isLessThanOrEqualTo(0.6 * 1.05));
        assertThat(rebalancer.propose(after.withNow(Views.NOW.plusSeconds(10)), random)).isEmpty();
    }

    @Test
    void balancesAClusterRunAtAHundredthOfItsCapacityAsItDoesABusyOne() {
        ClusterView busy = skewed();
        ClusterView light = cluster(busy.servers().stream().map(s -> server(s.id(), s.load() / 100)).toList(),
                busy.vats().stream().map(v -> vat(v.id(), v.load() / 100, v.server())).toList());

        List<Migration> moves = new HotSpotRebalancer(RULES).propose(light, new SplittableRandom(4));

        assertThat(moves).hasSize(3).allSatisfy(m -> assertThat(m.from()).isEqualTo("a"));
        assertThat(light.after(moves).servers()).allSatisfy(s -> assertThat(s.utilisation()).isLessThanOrEqualTo(0.006 * 1.05));
    }

    @Test
    void leavesAClusterWithinTheBandAlone() {
        ClusterView near = cluster(List.of(server("a", 62), server("b", 60), server("c", 58)),
                List.of(vat("x", 2, "a"), vat("y", 2, "b"), vat("z", 2, "c")));
        assertThat(new HotSpotRebalancer(RULES).propose(near, random)).isEmpty();
    }

    @Test
    void doesNotMoveAVatAgainWithinItsCoolDown() {
        HotSpotRebalancer rebalancer = new HotSpotRebalancer(RULES);
        ClusterView one = cluster(List.of(server("a", 90), server("b", 10)), List.of(vat("x", 40, "a"), vat("y", 50, "a")));
        List<Migration> first = rebalancer.propose(one, random);
        assertThat(first).hasSize(1);
        String moved = first.getFirst().vat();

        // The same vat is on a hot server again, alone.
        ClusterView again = cluster(List.of(server("a", 10), server("b", 90)), List.of(vat(moved, 90, "b")));
        assertThat(rebalancer.propose(again.withNow(Views.NOW.plus(Duration.ofMinutes(9))), random)).isEmpty();
        // Beside another: moving the cooling vat would gain most, so only its cool-down keeps it.
        ClusterView split = cluster(List.of(server("a", 10), server("b", 90)),
                List.of(vat(moved, 40, "b"), vat("w", 50, "b")));
        assertThat(rebalancer.propose(split.withNow(Views.NOW.plus(Duration.ofMinutes(9))), random))
                .extracting(Migration::vat).containsExactly("w");
    }

    @Test
    void makesNoMoreMovesPerRoundThanItsLimit() {
        Hysteresis tight = new Hysteresis(0.05, 0.01, Duration.ofMinutes(10), 2);
        assertThat(new HotSpotRebalancer(tight).propose(skewed(), random)).hasSize(2);
    }

    @Test
    void neverMovesToOrFromALeavingServer() {
        ClusterView cluster = cluster(List.of(Views.leaving("gone", 100), server("a", 90), server("b", 40), Views.leaving("empty", 0)),
                List.of(vat("x", 100, "gone"), vat("y", 30, "a"), vat("z", 30, "a"), vat("w", 30, "a"), vat("u", 40, "b")));
        List<Migration> moves = new HotSpotRebalancer(RULES).propose(cluster, random);
        assertThat(moves).isNotEmpty().allSatisfy(m -> {
            assertThat(m.from()).isEqualTo("a");
            assertThat(m.to()).isEqualTo("b");
        });
    }
}
