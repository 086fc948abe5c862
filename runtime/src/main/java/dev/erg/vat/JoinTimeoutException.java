package dev.erg.vat;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by {@link Promise#join} when the promise is still pending after the time it was
 * given. The promise is unaffected: it may settle later, and joining again waits again.
 *
 * <p>Distinct from the {@link IllegalStateException} that {@code join} throws when it is
 * misused (called in a turn of a vat), so that a caller can treat a slow answer as an
 * expected outcome without hiding a bug:
 * {@snippet :
 * try {
 *     long n = counter.increment(1).join(Duration.ofSeconds(5));
 * } catch (JoinTimeoutException e) {
 *     System.err.println("no answer yet: " + e.getMessage());   // promise still pending after 5 s
 * }
 * }
 */
public final class JoinTimeoutException extends RuntimeException {

    private final Duration timeout;

    JoinTimeoutException(Duration timeout) {
        super("promise still pending after " + Durations.describe(Objects.requireNonNull(timeout, "timeout")));
        this.timeout = timeout;
    }

    /** How long {@code join} waited. */
    public Duration timeout() {
        return timeout;
    }
}
