package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.placement.ClusterView;
import dev.erg.server.placement.EscalatorRebalancer;
import dev.erg.server.placement.Membership;
import dev.erg.server.placement.Migration;
import dev.erg.server.placement.PriceCurve;
import dev.erg.server.placement.ServerView;
import dev.erg.server.placement.VatView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agoric rebalancing as a member runs it ({@link LoadAverages}, {@link Accounts},
 * {@link Rebalancing#ESCALATION}), played round by round over a seeded model of the cluster
 * {@code ClusterRun} measures: four members of 100 turns/s, 32 vats asking for 60% of that
 * under a Zipf law (exponent 0.9), dealt to the members in turn, each round's posted loads off
 * by up to 20% of the true ones.
 */
class AgoricMarketTest {

    private static final int SERVERS = 4;
    private static final int VATS = 32;
    private static final double CAPACITY = 100;
    private static final double DEMAND = 0.6 * SERVERS * CAPACITY;
    private static final int ROUND_SECONDS = 5;
    private static final int ROUNDS = 120;
    /** How far a posted load may be off the vat's true demand, either way. */
    private static final double NOISE = 0.2;
    private static final PriceCurve PRICES = new PriceCurve(1, 0.95);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** What one run showed: the busiest member over the mean as each round began, and the moves of each. */
    private record Run(List<Double> maxOverMean, List<Integer> moves, List<Migration> all, double lowestBalance) {
    }

    private static Run play(long seed, double budgetPerTurn) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] demand = new double[VATS];
        double sum = 0;
        for (int v = 0; v < VATS; v++) {
            demand[v] = Math.pow(v + 1, -0.9);
            sum += demand[v];
        }
        Map<String, String> placed = new HashMap<>();
        for (int v = 0; v < VATS; v++) {
            demand[v] *= DEMAND / sum;
            placed.put("v" + v, "s" + v % SERVERS);
        }
        LoadAverages averages = new LoadAverages();
        Accounts accounts = new Accounts(PRICES, service -> budgetPerTurn);
        EscalatorRebalancer market = new EscalatorRebalancer(PRICES, Rebalancing.ESCALATION);
        List<Double> maxOverMean = new ArrayList<>();
        List<Integer> moves = new ArrayList<>();
        List<Migration> all = new ArrayList<>();
        double lowest = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            Instant now = T0.plusSeconds((long) round * ROUND_SECONDS);
            double[] truth = new double[SERVERS];
            for (int v = 0; v < VATS; v++) {
                truth[Integer.parseInt(placed.get("v" + v).substring(1))] += demand[v];
            }
            double max = 0;
            for (double t : truth) {
                max = Math.max(max, t);
            }
            maxOverMean.add(max / (DEMAND / SERVERS));
            Map<String, Double> posted = new HashMap<>();
            for (int v = 0; v < VATS; v++) {
                posted.put("v" + v, demand[v] * (1 - NOISE + 2 * NOISE * random.nextDouble()));
            }
            Map<String, Double> averaged = averages.fold(posted);
            Map<String, Double> loads = new HashMap<>();
            List<VatView> vats = new ArrayList<>();
            for (int v = 0; v < VATS; v++) {
                double load = averaged.get("v" + v);
                loads.merge(placed.get("v" + v), load, Double::sum);
                vats.add(new VatView("v" + v, "counter", load, 0, 0, placed.get("v" + v)));
            }
            List<ServerView> servers = new ArrayList<>();
            for (int s = 0; s < SERVERS; s++) {
                double load = loads.getOrDefault("s" + s, 0.0);
                servers.add(new ServerView("s" + s, CAPACITY, load, PRICES.price(load / CAPACITY), Membership.MEMBER));
            }
            List<VatView> funded = accounts.settle(now, servers, vats);
            for (VatView v : funded) {
                lowest = Math.min(lowest, v.balance());
            }
            List<Migration> proposed = market.propose(new ClusterView(now, servers, funded), random);
            for (Migration m : proposed) {
                assertThat(m.fee()).as("seed %d: a bid within the balance", seed)
                        .isLessThanOrEqualTo(accounts.balance(m.vat()).orElseThrow());
                accounts.pay(m);
                placed.put(m.vat(), m.to());
            }
            all.addAll(proposed);
            moves.add(proposed.size());
        }
        return new Run(maxOverMean, moves, all, lowest);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void vatsBuyTheirWayOffTheBusiestMemberUntilItIsWithinATenthOfTheMeanAndThenTheMarketSettles(long seed) {
        Run run = play(seed, 4.0);

        assertThat(run.maxOverMean().getFirst()).as("seed %d: dealt in turn, the busiest starts far above", seed)
                .isGreaterThan(1.3);
        assertThat(run.maxOverMean().subList(ROUNDS / 2, ROUNDS)).as("seed %d: after five minutes", seed)
                .allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(1.1));
        int early = run.moves().subList(0, ROUNDS / 4).stream().mapToInt(Integer::intValue).sum();
        int late = run.moves().subList(ROUNDS * 3 / 4, ROUNDS).stream().mapToInt(Integer::intValue).sum();
        assertThat(late).as("seed %d: moves in the last quarter, against %d in the first", seed, early)
                .isLessThanOrEqualTo(5).isLessThan(early);
        assertThat(run.all()).as("seed %d: every move paid for", seed).allSatisfy(m -> assertThat(m.fee()).isPositive());
    }

    @Test
    void vatsWithNothingToSpendStayWhereTheyAre() {
        Run run = play(1, 0.0);
        assertThat(run.all()).isEmpty();
        assertThat(run.lowestBalance()).isZero();
    }

    @Test
    void theSameSeedPlaysTheSameMarket() {
        assertThat(play(7, 4.0)).isEqualTo(play(7, 4.0));
    }
}
