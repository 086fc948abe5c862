package dev.erg.server.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Moves vats off hot servers, with hysteresis so that it settles instead of thrashing.
 *
 * <p>Each round takes the hottest server whose utilisation is above the mean by more than the
 * {@link Hysteresis#band() band}, samples a few of its vats that are not cooling down, each with
 * probability in proportion to its load, and for each samples two servers below the mean as
 * destinations (power of two choices); of these pairs it
 * makes the move that lowers the higher of the two utilisations most, if by at least
 * {@link Hysteresis#minGain() minGain} times the mean utilisation. It repeats, with the moves made applied, until no server
 * is hot, no hot server has a move worth making, or the round's limit is reached. A server that
 * starts shedding goes on to half the band above the mean, not just under the band, so that the
 * noise of measurement does not push it straight back over: two thresholds, as in a Schmitt
 * trigger. Once every server is within the band it proposes nothing, however long it runs; a vat
 * it moved stays put for the cool-down, so noise cannot bounce it back and forth either.
 */
public final class HotSpotRebalancer implements Rebalancer {

    /** Vats of a hot server looked at per move: enough to find a good one without scanning all. */
    private static final int TRIES = 8;
    private static final int CHOICES = 2;

    private final Hysteresis hysteresis;
    private final CoolDown coolDown;

    /** A rebalancer held back by {@code hysteresis}. */
    public HotSpotRebalancer(Hysteresis hysteresis) {
        this.hysteresis = hysteresis;
        this.coolDown = new CoolDown(hysteresis.coolDown());
    }

    private record Move(VatView vat, int from, int to, double gain) {
    }

    @Override
    public List<Migration> propose(ClusterView cluster, RandomGenerator random) {
        coolDown.forgetBefore(cluster.now());
        WorkingLoads loads = new WorkingLoads(cluster.servers());
        List<List<VatView>> movable = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            movable.add(new ArrayList<>());
        }
        for (VatView vat : cluster.vats()) {
            int at = loads.indexOf(vat.server());
            if (at >= 0 && loads.accepts(at) && vat.load() > 0 && !coolDown.cooling(vat.id(), cluster.now())) {
                movable.get(at).add(vat);
            }
        }
        double mean = loads.meanUtilisation();
        double hotLine = mean * (1 + hysteresis.band());
        double releaseLine = mean * (1 + hysteresis.band() / 2);
        boolean[] stuck = new boolean[loads.size()];
        boolean[] shedding = new boolean[loads.size()];
        List<Migration> moves = new ArrayList<>();
        while (moves.size() < hysteresis.maxMovesPerRound()) {
            int hot = hottest(loads, movable, stuck, shedding, hotLine, releaseLine);
            if (hot < 0) {
                break;
            }
            shedding[hot] = true;
            Optional<Move> move = bestMove(loads, movable.get(hot), hot, mean, random);
            if (move.isEmpty()) {
                stuck[hot] = true;
                continue;
            }
            Move m = move.get();
            loads.move(m.from(), m.to(), m.vat().load());
            movable.get(hot).remove(m.vat());
            coolDown.moved(m.vat().id(), cluster.now());
            moves.add(new Migration(m.vat().id(), loads.server(m.from()).id(), loads.server(m.to()).id(), 0));
        }
        return List.copyOf(moves);
    }

    /**
     * The hottest server to shed from: above the hot line, or, once it has started shedding this
     * round, above the release line; -1 for none.
     */
    private static int hottest(WorkingLoads loads, List<List<VatView>> movable, boolean[] stuck, boolean[] shedding,
            double hotLine, double releaseLine) {
        int hottest = -1;
        for (int i = 0; i < loads.size(); i++) {
            double line = shedding[i] ? releaseLine : hotLine;
            if (loads.accepts(i) && !stuck[i] && !movable.get(i).isEmpty() && loads.utilisation(i) > line
                    && (hottest < 0 || loads.utilisation(i) > loads.utilisation(hottest))) {
                hottest = i;
            }
        }
        return hottest;
    }

    private Optional<Move> bestMove(WorkingLoads loads, List<VatView> vats, int hot, double mean, RandomGenerator random) {
        List<Integer> cold = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            if (i != hot && loads.accepts(i) && loads.utilisation(i) < mean) {
                cold.add(i);
            }
        }
        Move best = null;
        double threshold = hysteresis.minGain() * mean;
        double total = vats.stream().mapToDouble(VatView::load).sum();
        for (int t = 0; t < TRIES && !cold.isEmpty(); t++) {
            VatView vat = byLoad(vats, total, random);
            for (int to : Sampling.distinct(cold, CHOICES, random)) {
                double before = loads.utilisation(hot);
                double after = Math.max(loads.utilisationWith(hot, -vat.load()), loads.utilisationWith(to, vat.load()));
                double gain = before - after;
                if (gain > 0 && gain >= threshold && (best == null || gain > best.gain())) {
                    best = new Move(vat, hot, to, gain);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A vat drawn with probability in proportion to its load. Under a skewed load most vats are
     * idle, and moving one of those gains little; drawing by load finds the ones that matter,
     * while the gain test turns down a vat too big for the excess.
     */
    private static VatView byLoad(List<VatView> vats, double total, RandomGenerator random) {
        double point = random.nextDouble() * total;
        for (VatView vat : vats) {
            point -= vat.load();
            if (point < 0) {
                return vat;
            }
        }
        return vats.getLast();
    }
}
