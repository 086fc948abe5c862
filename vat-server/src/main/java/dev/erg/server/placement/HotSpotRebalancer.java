package dev.erg.server.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Moves vats off hot servers, with hysteresis so that it settles instead of thrashing.
 *
 * <p>Each round takes the hottest server whose utilisation is above the mean by more than the
 * {@link Hysteresis#band() band}, samples a few of its vats that are not cooling down, and for each
 * samples two servers below the mean as destinations (power of two choices); of these pairs it
 * makes the move that lowers the higher of the two utilisations most, if by at least
 * {@link Hysteresis#minGain() minGain}. It repeats, with the moves made applied, until no server
 * is hot, no hot server has a move worth making, or the round's limit is reached. Once every
 * server is within the band it proposes nothing, however long it runs; a vat it moved stays put
 * for the cool-down, so measurement noise cannot bounce it back and forth.
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
        boolean[] stuck = new boolean[loads.size()];
        List<Migration> moves = new ArrayList<>();
        while (moves.size() < hysteresis.maxMovesPerRound()) {
            int hot = hottest(loads, movable, stuck, hotLine);
            if (hot < 0) {
                break;
            }
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

    private static int hottest(WorkingLoads loads, List<List<VatView>> movable, boolean[] stuck, double hotLine) {
        int hottest = -1;
        for (int i = 0; i < loads.size(); i++) {
            if (loads.accepts(i) && !stuck[i] && !movable.get(i).isEmpty() && loads.utilisation(i) > hotLine
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
        for (int t = 0; t < TRIES && !cold.isEmpty(); t++) {
            VatView vat = vats.get(random.nextInt(vats.size()));
            for (int to : Sampling.distinct(cold, CHOICES, random)) {
                double before = loads.utilisation(hot);
                double after = Math.max(loads.utilisationWith(hot, -vat.load()), loads.utilisationWith(to, vat.load()));
                double gain = before - after;
                if (gain >= hysteresis.minGain() && (best == null || gain > best.gain())) {
                    best = new Move(vat, hot, to, gain);
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
