package dev.erg.server.spawn;

import dev.erg.vat.Promise;

/** A root for tests: says which process it runs in, and burns CPU on request. */
public interface Spinner {

    /** The id of the process the spinner runs in. */
    Promise<Long> pid();

    /** Keeps a core busy for {@code millis} of wall-clock time; answers how many loops it ran. */
    Promise<Long> spin(long millis);
}
