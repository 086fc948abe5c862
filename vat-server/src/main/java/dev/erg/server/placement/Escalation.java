package dev.erg.server.placement;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of {@link EscalatorRebalancer}'s market.
 *
 * @param minSaving          a vat bids to move only when its turns would cost at least this
 *                           share less where it goes (0.05: 5% less), its own load counted there
 * @param horizon            a vat bids at most what the move saves it over this time, and never
 *                           more than its balance
 * @param step               the share of that ceiling a vat opens with and adds each round it is
 *                           refused, in (0, 1]
 * @param maxArrivalsPerRound a server admits at most this many vats per round, the highest bids
 *                           first; the rest escalate and try again
 * @param coolDown           a vat that moved does not bid again before this has passed
 */
public record Escalation(double minSaving, Duration horizon, double step, int maxArrivalsPerRound, Duration coolDown) {

    public Escalation {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(coolDown, "coolDown");
        if (!(minSaving > 0 && minSaving < 1)) {
            throw new IllegalArgumentException("minSaving: " + minSaving + " (expected: in (0, 1))");
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon: " + horizon + " (expected: > 0)");
        }
        if (!(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("step: " + step + " (expected: in (0, 1])");
        }
        if (maxArrivalsPerRound < 1) {
            throw new IllegalArgumentException("maxArrivalsPerRound: " + maxArrivalsPerRound + " (expected: >= 1)");
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("coolDown: " + coolDown + " (expected: >= 0)");
        }
    }

    /** The horizon in seconds. */
    double horizonSeconds() {
        return horizon.toNanos() / 1e9;
    }
}
