package dev.erg.vat;

import java.time.Duration;
import java.time.Instant;

/**
 * Time, as a capability: objects that need the clock or a delay are handed a timer instead
 * of reading ambient statics, so that a deterministic scheduler can run them in virtual time.
 */
public interface Timer {

    /** The current time: wall-clock time, or virtual time under a deterministic scheduler. */
    Instant now();

    /**
     * A promise fulfilled (with null) once {@code delay} has passed. Callbacks on it run in
     * the registering vat as usual.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    Promise<Void> after(Duration delay);
}
