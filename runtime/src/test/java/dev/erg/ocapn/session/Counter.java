package dev.erg.ocapn.session;

import dev.erg.vat.Promise;

/** A remote interface for the OCapN session tests. */
public interface Counter {
    Promise<Long> add(long amount);

    Promise<Counter> sibling();

    Promise<Object> echo(Object value);

    Promise<Long> fail(String why);

    void note(String text);
}
