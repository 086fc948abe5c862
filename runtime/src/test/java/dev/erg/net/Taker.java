package dev.erg.net;

import dev.erg.ocapn.session.Counter;
import dev.erg.vat.Promise;

/** A remote interface for handoff tests: what it is given, it calls. */
public interface Taker {
    /** Adds {@code amount} to {@code counter}, which may still be a promise, and answers its total. */
    Promise<Long> take(Counter counter, long amount);
}
