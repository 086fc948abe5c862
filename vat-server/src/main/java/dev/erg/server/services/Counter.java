package dev.erg.server.services;

import dev.erg.server.spi.Describable;
import dev.erg.vat.Promise;

/** A sample service: a number that survives restarts. */
public interface Counter extends Describable {

    /** Adds {@code by} (which may be negative) and answers the new value. */
    Promise<Long> increment(long by);

    /** The current value. */
    Promise<Long> value();
}
