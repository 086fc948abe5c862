package dev.erg.net;

import dev.erg.ocapn.session.Counter;
import dev.erg.vat.Promise;

/** A remote interface for handoff tests: it hands out a counter it holds. */
public interface Giver {
    Promise<Counter> give();
}
