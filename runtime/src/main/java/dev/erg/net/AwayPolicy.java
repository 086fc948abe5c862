package dev.erg.net;

import dev.erg.vat.Problem;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@linkplain Node#reconnecting reconnecting reference} does with a call made while
 * the vat it designates is away (not connected, or not yet reconnected).
 *
 * {@snippet :
 * AwayPolicy failFast = AwayPolicy.breakAtOnce();
 * AwayPolicy patient = AwayPolicy.queue(100, Duration.ofSeconds(30));
 * }
 */
public sealed interface AwayPolicy {

    /** Calls made while away break at once with an {@value Problem#UNAVAILABLE} problem. */
    static AwayPolicy breakAtOnce() {
        return new BreakAtOnce();
    }

    /**
     * Calls made while away wait, in the order made, and are sent once the vat is back; see
     * {@link Queue}.
     *
     * @throws IllegalArgumentException if {@code maxCalls} is less than 1 or {@code maxWait}
     *                                  is not positive
     */
    static AwayPolicy queue(int maxCalls, Duration maxWait) {
        return new Queue(maxCalls, maxWait);
    }

    /** Calls made while away break at once, with an {@value Problem#UNAVAILABLE} problem saying why. */
    record BreakAtOnce() implements AwayPolicy {
    }

    /**
     * Calls made while away wait, in order, and are sent once the vat is back. A call that
     * finds {@code maxCalls} others waiting breaks at once; if the vat is not back within
     * {@code maxWait} of the first call that began waiting, every waiting call breaks. Both
     * with an {@value Problem#UNAVAILABLE} problem saying which limit was reached. A call that
     * broke is never sent.
     *
     * @param maxCalls most calls waiting at once; at least 1
     * @param maxWait  longest any call waits; positive
     */
    record Queue(int maxCalls, Duration maxWait) implements AwayPolicy {

        public Queue {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxCalls < 1) {
                throw new IllegalArgumentException("maxCalls: " + maxCalls + " (expected: >= 1)");
            }
            if (maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait: " + maxWait + " (expected: > 0)");
            }
        }
    }
}
