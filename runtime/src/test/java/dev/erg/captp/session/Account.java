package dev.erg.captp.session;

import dev.erg.vat.Promise;

/** A remote interface for the session tests. */
public interface Account {
    Promise<Long> deposit(long amount);

    Promise<Long> balance();

    Promise<Account> sibling();

    Promise<Object> echo(Object value);

    Promise<Long> fail(String why);

    void note(String text);
}
