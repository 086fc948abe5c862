package dev.erg.confine;

import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.function.Consumer;

/**
 * A vat running a bundle's code under confinement.
 *
 * @param <T> the remote interface through which its root object is reached
 */
public interface ConfinedVat<T> {

    /** The vat. */
    Vat vat();

    /** An eventual reference to the root object the bundle's entry built, once its first turn has run. */
    Promise<T> root();

    /** Computrons used so far by all of its turns. */
    long used();

    /** What it may spend. */
    Limits limits();

    /** Messages sent to it that wait in its queue. */
    int pending();

    /** Its store, which outlives it. */
    Storage storage();

    /**
     * Stops the vat: queued and later messages to it, and every reference into it, break with
     * a problem that gives {@code reason}. Idempotent.
     */
    void terminate(String reason);

    /**
     * Calls {@code listener} once, with the reason, when the vat is terminated: by its meter,
     * because a turn failed the JVM, because its entry did not start, or by {@link #terminate}.
     * It is called on the thread that ends the vat, before any reference into it breaks, so a
     * host can give back what the vat held before anyone can see that it ended; at once if the
     * vat has ended already. It must be quick and must not block.
     */
    void whenEnding(Consumer<String> listener);
}
