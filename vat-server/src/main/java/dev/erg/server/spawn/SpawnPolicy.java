package dev.erg.server.spawn;

import dev.erg.confine.VatMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limits a vat maker grants: {@code limits} to a spawn that asks for none, and what a spawn
 * asks for instead as long as it is within {@code maxima}.
 *
 * @param limits what a spawned vat may use unless its spawn asks otherwise
 * @param maxima the most a spawn may ask for; each at least its limit
 */
public record SpawnPolicy(SpawnLimits limits, SpawnLimits maxima) {

    /** @throws IllegalArgumentException if a limit is above its maximum */
    public SpawnPolicy {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(maxima, "maxima");
        List<String> above = limits.above(maxima);
        if (!above.isEmpty()) {
            throw new IllegalArgumentException("limits above their maxima: " + String.join(", ", above));
        }
    }

    /** {@code limits}, which a spawn may lower but not raise. */
    public static SpawnPolicy of(SpawnLimits limits) {
        return new SpawnPolicy(limits, limits);
    }

    /** {@link SpawnLimits#defaults()}, which a spawn may lower but not raise. */
    public static SpawnPolicy defaults() {
        return of(SpawnLimits.defaults());
    }

    /**
     * The limits of a spawn that asks for {@code asked}, by name: these limits, with each asked
     * for instead.
     *
     * @throws ProblemException of kind {@value VatMaker#LIMIT_REFUSED} naming what is unknown,
     *                          out of range or above its maximum
     */
    public SpawnLimits grant(Map<String, Long> asked) {
        if (asked == null) {
            throw refused("the limits are null (expected: a map of limit names to numbers, perhaps empty)");
        }
        SpawnLimits granted;
        try {
            granted = limits.with(asked);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        List<String> above = granted.above(maxima);
        if (!above.isEmpty()) {
            throw refused("asked for more than this server allows: " + String.join(", ", above));
        }
        return granted;
    }

    private static ProblemException refused(String why) {
        return new ProblemException(Problem.of(VatMaker.LIMIT_REFUSED, "%s", why));
    }
}
