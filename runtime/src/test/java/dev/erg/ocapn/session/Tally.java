package dev.erg.ocapn.session;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain counter living in one vat. */
public final class Tally implements Counter {
    private long total;
    /** What {@link #note} was told, in order. */
    public final List<String> notes = new CopyOnWriteArrayList<>();

    @Override
    public Promise<Long> add(long amount) {
        total += amount;
        return Promise.of(total);
    }

    @Override
    public Promise<Counter> sibling() {
        return Promise.of(new Tally());
    }

    @Override
    public Promise<Object> echo(Object value) {
        return Promise.of(value);
    }

    @Override
    public Promise<Long> fail(String why) {
        throw new ProblemException(new Problem(Problem.REFUSED, why));
    }

    @Override
    public void note(String text) {
        notes.add(text);
    }
}
