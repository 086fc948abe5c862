package dev.erg.transparency;

import dev.erg.trace.TraceGraph;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;

/**
 * The vats of one run of a scenario, and the way they meet. A scenario touches another vat's
 * objects only through references this world gives it (or that arrive in messages), so the
 * same code runs whether its vats share a JVM or not.
 */
public interface World {

    /** The vat called {@code name} in this run, made the first time it is asked for. */
    Vat vat(String name);

    /**
     * Exports {@code object} in vat {@code from} as {@code iface} and returns the reference
     * vat {@code to} should use: the exported reference itself when both vats are in one
     * runtime, or one obtained by {@code to}'s node through a sturdy ref from {@code from}'s.
     * Call it while setting up, outside the turns of any vat (it may wait for a connection).
     */
    <T> T share(String from, T object, Class<T> iface, String to);

    /**
     * Cuts vat {@code name} off the network, as a pulled cable would: its node closes, and the
     * promise is fulfilled once it has. Where vats share a runtime there is nothing to cut,
     * and the promise is fulfilled at once.
     */
    Promise<Void> cut(String name);

    /** The causality graph of everything the vats of this world's runtimes have recorded so far. */
    TraceGraph trace();
}
