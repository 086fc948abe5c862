package dev.erg.bench.captp;

import dev.erg.vat.Promise;

/** What {@link CapTpPeer} serves and {@link CapTpBench} calls across the network. */
public interface Counter {

    /** Adds {@code by}; answers the new count. */
    Promise<Long> increment(long by);

    /** A new counter whose count is one more than this one's: a step of a dependent chain. */
    Promise<Counter> next();

    /** The count. */
    Promise<Long> value();
}
