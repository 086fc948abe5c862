package dev.erg.server.placement;

import java.time.Duration;
import java.util.Objects;

/**
 * What keeps {@link HotSpotRebalancer} from thrashing.
 *
 * @param band             a server is hot when its utilisation exceeds the mean by more than this
 *                         share of the mean (0.05: more than 5% above); only hot servers shed
 *                         vats, and they shed down to half the band above the mean
 * @param minGain          a move is made only when it lowers the higher utilisation of its two
 *                         servers by at least this share of the mean utilisation (0.01: by a
 *                         hundredth of the mean), so the threshold scales with the load: a
 *                         cluster run at a few percent of its capacity balances as well as a
 *                         busy one
 * @param coolDown         a vat that moved does not move again before this has passed
 * @param maxMovesPerRound at most this many migrations per round, so that a shift in load is
 *                         followed over several rounds instead of in one storm
 */
public record Hysteresis(double band, double minGain, Duration coolDown, int maxMovesPerRound) {

    public Hysteresis {
        Objects.requireNonNull(coolDown, "coolDown");
        if (!(band >= 0) || Double.isInfinite(band)) {
            throw new IllegalArgumentException("band: " + band + " (expected: >= 0 and finite)");
        }
        if (!(minGain > 0) || Double.isInfinite(minGain)) {
            throw new IllegalArgumentException("minGain: " + minGain + " (expected: > 0 and finite)");
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("coolDown: " + coolDown + " (expected: >= 0)");
        }
        if (maxMovesPerRound < 1) {
            throw new IllegalArgumentException("maxMovesPerRound: " + maxMovesPerRound + " (expected: >= 1)");
        }
    }
}
