package dev.erg.wire;

import dev.erg.vat.Problem;

/**
 * Thrown when a value cannot be encoded: it holds an object that is neither pass-by-copy data
 * nor a reference, a {@link dev.erg.vat.Passable} type that was not registered, a string with an
 * unpaired surrogate, or more than the {@link WireLimits} allow. The message names the value and
 * where it is, e.g. {@code "java.math.BigDecimal at $.args[1] (expected: a passable value)"}.
 *
 * <p>This is the sender's error, found before anything is sent; {@link #problem()} is the
 * {@link Problem} to break the sender's promise with.
 */
public final class NotPassableException extends IllegalArgumentException {

    /** An exception with the given message. */
    public NotPassableException(String message) {
        super(message);
    }

    /** The problem that reports this exception: kind {@value Problem#NOT_PASSABLE}. */
    public Problem problem() {
        return new Problem(Problem.NOT_PASSABLE, getMessage());
    }
}
