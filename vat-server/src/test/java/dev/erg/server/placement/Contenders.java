package dev.erg.server.placement;

import java.time.Duration;
import java.util.List;

/** The policies the simulation compares, with the settings the bench uses. */
public final class Contenders {

    /**
     * Hot means 5% above the mean, and a move must take 0.7% of the mean off a server: half a
     * percent of a server at the simulation's 70% load.
     */
    public static final Hysteresis HYSTERESIS = new Hysteresis(0.05, 0.007, Duration.ofMinutes(10), 25);
    /** A vat moves for a 5% saving, bids up to a minute's saving, in quarters. */
    public static final Escalation ESCALATION = new Escalation(0.05, Duration.ofMinutes(1), 0.25, 3, Duration.ofMinutes(10));

    private Contenders() {
    }

    public static Contender roundRobin() {
        return Contender.of(() -> new Strategy("round robin", new RoundRobin(), Rebalancer.NONE));
    }

    public static Contender random() {
        return Contender.of(() -> new Strategy("random", new RandomPlacement(), Rebalancer.NONE));
    }

    public static Contender powerOfTwo() {
        return Contender.of(() -> new Strategy("power of 2", new PowerOfChoices(2), Rebalancer.NONE));
    }

    public static Contender randomRebalanced() {
        return Contender.of(() -> new Strategy("random + hot-spot rebalancer", new RandomPlacement(),
                new HotSpotRebalancer(HYSTERESIS)));
    }

    public static Contender powerOfTwoRebalanced() {
        return Contender.of(() -> new Strategy("power of 2 + hot-spot rebalancer", new PowerOfChoices(2),
                new HotSpotRebalancer(HYSTERESIS)));
    }

    public static Contender agoric() {
        PriceCurve prices = ClusterSimulation.PRICES;
        return new Contender("agoric (escalator auction)", () -> Placement.of(new Strategy("agoric",
                new CheapestAffordable(prices), new EscalatorRebalancer(prices, ESCALATION))), true);
    }

    /** Every contender, in the order the results list them. */
    public static List<Contender> all() {
        return List.of(roundRobin(), random(), powerOfTwo(), randomRebalanced(), powerOfTwoRebalanced(), agoric());
    }
}
