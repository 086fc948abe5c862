package dev.erg.server.placement;

import static dev.erg.server.placement.Views.cluster;
import static dev.erg.server.placement.Views.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EscalatorRebalancerTest {

    private static final PriceCurve PRICES = ClusterSimulation.PRICES;
    private static final Escalation RULES = new Escalation(0.05, Duration.ofMinutes(1), 0.25, 3, Duration.ofMinutes(10));
    private final SplittableRandom random = new SplittableRandom(9);

    private static VatView vat(String id, double load, double budget, double balance, String server) {
        return new VatView(id, "worker", load, budget, balance, server);
    }

    @Test
    void aVatMovesOffAnExpensiveServerAndPaysItsBidOutOfItsBalance() {
        ClusterView cluster = cluster(List.of(server("pricey", 90), server("cheap", 30)),
                List.of(vat("x", 5, 1_000, 400, "pricey"), vat("stays", 85, 1_000, 400, "pricey")));
        List<Migration> moves = new EscalatorRebalancer(PRICES, RULES).propose(cluster, random);

        assertThat(moves).extracting(Migration::vat).contains("x");
        Migration x = moves.stream().filter(m -> m.vat().equals("x")).findFirst().orElseThrow();
        assertThat(x.to()).isEqualTo("cheap");
        // Opening bid: a quarter of the ceiling, which is the balance since a minute's saving is more.
        assertThat(x.fee()).isEqualTo(100);
    }

    @Test
    void aVatWithNothingToSpendStaysWhereItIs() {
        ClusterView cluster = cluster(List.of(server("pricey", 90), server("cheap", 10)),
                List.of(vat("broke", 5, 1_000, 0, "pricey")));
        assertThat(new EscalatorRebalancer(PRICES, RULES).propose(cluster, random)).isEmpty();
    }

    @Test
    void aRefusedBidderRaisesItsBidAndGetsInNextRound() {
        Escalation oneAtATime = new Escalation(0.05, Duration.ofMinutes(1), 0.25, 1, Duration.ofMinutes(10));
        EscalatorRebalancer market = new EscalatorRebalancer(PRICES, oneAtATime);
        ClusterView first = cluster(List.of(server("pricey", 90), server("cheap", 30)),
                List.of(vat("rich", 10, 10_000, 10_000, "pricey"), vat("poor", 5, 1_000, 100, "pricey")));

        List<Migration> round1 = market.propose(first, random);
        assertThat(round1).extracting(Migration::vat).containsExactly("rich");

        List<Migration> round2 = market.propose(first.after(round1).withNow(Views.NOW.plusSeconds(10)), random);
        assertThat(round2).singleElement().satisfies(m -> {
            assertThat(m.vat()).isEqualTo("poor");
            assertThat(m.fee()).as("opening 25, raised by a step of 25").isEqualTo(50);
        });
    }

    @Test
    void neverBidsMoreThanTheBalance() {
        EscalatorRebalancer market = new EscalatorRebalancer(PRICES, new Escalation(0.05, Duration.ofHours(1), 1, 3, Duration.ZERO));
        ClusterView cluster = cluster(List.of(server("pricey", 94), server("cheap", 0)),
                List.of(vat("x", 4, 1_000, 7, "pricey")));
        assertThat(market.propose(cluster, random)).singleElement().satisfies(m -> assertThat(m.fee()).isEqualTo(7));
    }

    @Test
    void aSettledMarketMovesNothing() {
        ClusterView cluster = cluster(List.of(server("a", 71), server("b", 70)),
                List.of(vat("x", 1, 1_000, 100, "a"), vat("y", 1, 1_000, 100, "b")));
        assertThat(new EscalatorRebalancer(PRICES, RULES).propose(cluster, random)).isEmpty();
    }

    @Test
    void aVatOverItsBudgetMovesForASmallerSavingThatBringsItWithinBudget() {
        ClusterView cluster = cluster(List.of(server("a", 72), server("b", 70)), List.of(
                vat("thrifty", 1, 3.5, 100, "a"), vat("flush", 1, 1_000, 100, "a"), vat("hopeless", 1, 1, 100, "a")));
        // On a, a turn costs 1 / 0.28, about 3.57 credits, and b would ask about 3.45: under 5% less,
        // within thrifty's budget of 3.5 a second, still far over hopeless's 1.
        assertThat(new EscalatorRebalancer(PRICES, RULES).propose(cluster, random))
                .extracting(Migration::vat).containsExactly("thrifty");
    }
}
