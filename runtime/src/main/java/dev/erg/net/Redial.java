package dev.erg.net;

import java.time.Duration;

/**
 * When a {@link Node.Watch} dials a vat that is away again: after 100 ms, then twice as long
 * each time up to one second, each wait drawn at random between half and all of it. The cap
 * keeps a returning vat's {@code Available} within about a second, and the jitter keeps many
 * watchers of one vat from dialing it in step; one dial a second is little load for a peer
 * that is down, and the watches of one node share their dials.
 */
final class Redial {

    /** The wait after the first failed dial. */
    static final Duration FIRST = Duration.ofMillis(100);

    /** The longest wait between two dials. */
    static final Duration CAP = Duration.ofSeconds(1);

    private Redial() {
    }

    /** The wait after one more failure, {@code wait} having been the last. */
    static Duration next(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(CAP) > 0 ? CAP : doubled;
    }

    /** How long to wait for {@code wait}, given {@code random} drawn uniformly from [0, 1). */
    static Duration jittered(Duration wait, double random) {
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random: " + random + " (expected: in [0, 1))");
        }
        return Duration.ofNanos((long) (wait.toNanos() * (0.5 + 0.5 * random)));
    }
}
