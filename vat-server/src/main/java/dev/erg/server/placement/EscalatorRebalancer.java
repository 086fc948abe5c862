package dev.erg.server.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Agoric rebalancing: vats buy their way to servers where their work is cheaper.
 *
 * <p>Servers post a price per turn from their utilisation ({@link PriceCurve}); a vat pays price
 * times turns from its balance. Each round, every vat that is not cooling down looks at the
 * cheapest server and two sampled ones and works out what its turns would cost on each with its
 * own load added. Where that is at least {@link Escalation#minSaving() minSaving} below what it
 * pays now, or below at all when that brings it from over its budget to within it, it bids a
 * fee for admission there. Its ceiling is the lesser of its balance and what
 * the move saves over the {@link Escalation#horizon() horizon}; it opens at a
 * {@link Escalation#step() step} of that ceiling and adds a step each round it is refused, as in
 * Drexler and Miller's escalator auction, so a vat that keeps losing eventually outbids newcomers
 * without any vat knowing the others' bids. A server admits the highest bids first, at most
 * {@link Escalation#maxArrivalsPerRound()} a round, and only while the move still saves the
 * bidder enough with the moves already admitted applied; admission costs the bid. A vat never
 * bids more than its balance, so one with nothing to spend stays where it is.
 *
 * <p>As in Spawn (Waldspurger et al. 1992), no one computes a global balance: prices steer vats
 * off busy servers, and the market settles when no vat can save its threshold by moving.
 */
public final class EscalatorRebalancer implements Rebalancer {

    private static final int CHOICES = 2;

    private final PriceCurve curve;
    private final Escalation rules;
    private final CoolDown coolDown;
    private final Map<String, Double> standingBids = new HashMap<>();

    /** A market priced by {@code curve} under {@code rules}. */
    public EscalatorRebalancer(PriceCurve curve, Escalation rules) {
        this.curve = curve;
        this.rules = rules;
        this.coolDown = new CoolDown(rules.coolDown());
    }

    private record Bid(VatView vat, int from, int to, double amount, double ceiling) {
    }

    @Override
    public List<Migration> propose(ClusterView cluster, RandomGenerator random) {
        coolDown.forgetBefore(cluster.now());
        WorkingLoads loads = new WorkingLoads(cluster.servers());
        List<Integer> accepting = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            if (loads.accepts(i)) {
                accepting.add(i);
            }
        }
        if (accepting.isEmpty()) {
            return List.of();
        }
        int cheapest = accepting.stream().min(Comparator.comparingDouble(loads::utilisation)).orElseThrow();
        List<Bid> bids = new ArrayList<>();
        Map<String, Double> stillBidding = new HashMap<>();
        for (VatView vat : cluster.vats()) {
            int from = loads.indexOf(vat.server());
            if (from < 0 || !loads.accepts(from) || vat.load() <= 0 || coolDown.cooling(vat.id(), cluster.now())) {
                continue;
            }
            List<Integer> candidates = new ArrayList<>(Sampling.distinct(accepting, CHOICES, random));
            candidates.add(cheapest);
            int to = -1;
            double best = Double.MAX_VALUE;
            for (int c : candidates) {
                double cost = costThere(loads, c, vat);
                if (c != from && cost < best) {
                    best = cost;
                    to = c;
                }
            }
            double now = costHere(loads, from, vat);
            if (to < 0 || !worthMoving(vat, now, best)) {
                continue;
            }
            double saving = now - best;
            double ceiling = Math.min(vat.balance(), saving * rules.horizonSeconds());
            if (ceiling <= 0) {
                continue;
            }
            double opening = rules.step() * ceiling;
            double amount = Math.min(ceiling, standingBids.getOrDefault(vat.id(), opening));
            bids.add(new Bid(vat, from, to, amount, ceiling));
        }
        bids.sort(Comparator.comparingDouble(Bid::amount).reversed().thenComparing(b -> b.vat().id()));
        int[] arrivals = new int[loads.size()];
        List<Migration> moves = new ArrayList<>();
        for (Bid bid : bids) {
            VatView vat = bid.vat();
            double now = costHere(loads, bid.from(), vat);
            if (!worthMoving(vat, now, costThere(loads, bid.to(), vat))) {
                continue; // the moves admitted before it took the saving away: no reason to bid on
            }
            if (arrivals[bid.to()] >= rules.maxArrivalsPerRound()) {
                stillBidding.put(vat.id(), Math.min(bid.ceiling(), bid.amount() + rules.step() * bid.ceiling()));
                continue;
            }
            arrivals[bid.to()]++;
            loads.move(bid.from(), bid.to(), vat.load());
            coolDown.moved(vat.id(), cluster.now());
            moves.add(new Migration(vat.id(), loads.server(bid.from()).id(), loads.server(bid.to()).id(), bid.amount()));
        }
        standingBids.clear();
        standingBids.putAll(stillBidding);
        return List.copyOf(moves);
    }

    /**
     * Whether paying {@code there} a second instead of {@code now} is worth a move: for the
     * threshold's saving, or for any saving that brings a vat over its budget within it. A vat
     * no server is cheap enough for moves by the threshold like any other, so it does not chase
     * every small difference in price.
     */
    private boolean worthMoving(VatView vat, double now, double there) {
        double saving = now - there;
        return saving > 0 && (saving >= rules.minSaving() * now || (now > vat.budget() && there <= vat.budget()));
    }

    /** What {@code vat}'s turns cost per second where it runs, at that server's current load. */
    private double costHere(WorkingLoads loads, int at, VatView vat) {
        return curve.price(loads.utilisation(at)) * vat.load();
    }

    /** What {@code vat}'s turns would cost per second on server {@code at} once it arrived. */
    private double costThere(WorkingLoads loads, int at, VatView vat) {
        return curve.price(loads.utilisationWith(at, vat.load())) * vat.load();
    }
}
