package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.ArrayList;
import java.util.List;

/** A plain account object living in one vat. */
final class Ledger implements Account {
    long balance;
    final List<String> notes = new ArrayList<>();

    @Override
    public Promise<Long> deposit(long amount) {
        balance += amount;
        return Promise.of(balance);
    }

    @Override
    public Promise<Long> balance() {
        return Promise.of(balance);
    }

    @Override
    public Promise<Account> sibling() {
        return Promise.of(new Ledger());
    }

    @Override
    public Promise<Object> echo(Object value) {
        return Promise.of(value);
    }

    @Override
    public Promise<Long> fail(String why) {
        throw new ProblemException(new Problem("Refused", why));
    }

    @Override
    public void note(String text) {
        notes.add(text);
    }
}
