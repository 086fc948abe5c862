package dev.erg.server.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's simulation, cut down to 10 servers and 500 vats over fifteen simulated minutes,
 * with a server leaving or joining every three.
 */
class ClusterSimulationTest {

    private static final SimulationConfig SMALL = SimulationConfig.small(42);

    @Test
    void theBestPolicyKeepsTheBusiestServerWithinATenthOfTheMeanAndAgoricIsWithinATenthOfIt() {
        List<SimulationResult> results = Contenders.all().stream().map(c -> ClusterSimulation.run(SMALL, c)).toList();
        SimulationResult best = results.stream().min(Comparator.comparingDouble(SimulationResult::meanMaxOverMean)).orElseThrow();
        SimulationResult agoric = results.stream().filter(r -> r.policy().startsWith("agoric")).findFirst().orElseThrow();
        SimulationResult roundRobin = results.getFirst();

        assertThat(best.meanMaxOverMean()).isLessThanOrEqualTo(1.1);
        assertThat(agoric.meanMaxOverMean()).isLessThanOrEqualTo(1.1 * best.meanMaxOverMean());
        assertThat(roundRobin.meanMaxOverMean()).as("blind to load").isGreaterThan(1.2);
    }

    @Test
    void theHotSpotRebalancerConvergesAndThenStopsMigrating() {
        SimulationResult result = ClusterSimulation.run(SMALL.still(), Contenders.randomRebalanced());
        List<Integer> migrations = result.migrations();
        int third = migrations.size() / 3;

        assertThat(migrations.subList(0, third).stream().mapToInt(Integer::intValue).sum()).isGreaterThan(10);
        assertThat(migrations.subList(2 * third, migrations.size())).containsOnly(0);
        assertThat(result.maxOverMean().getLast()).isLessThanOrEqualTo(1 + Contenders.HYSTERESIS.band());
    }

    @Test
    void agoricPlacementNeverOverspendsABudgetWhereUnmeteredPlacementDoes() {
        SimulationResult agoric = ClusterSimulation.run(SMALL, Contenders.agoric());
        SimulationResult unmetered = ClusterSimulation.run(SMALL, Contenders.powerOfTwoRebalanced());

        assertThat(agoric.overspentVats()).isZero();
        assertThat(agoric.vats()).isGreaterThanOrEqualTo(SMALL.vats());
        assertThat(unmetered.overspentVats()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        SimulationResult one = ClusterSimulation.run(SMALL, Contenders.agoric());
        SimulationResult again = ClusterSimulation.run(SMALL, Contenders.agoric());
        SimulationResult other = ClusterSimulation.run(SMALL.withSeed(43), Contenders.agoric());

        assertThat(again).isEqualTo(one);
        assertThat(other.digest()).isNotEqualTo(one.digest());
    }
}
