package dev.erg.server.services;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.Descriptions;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/** A durable {@link Counter}: its value survives crashes and restarts of the server. */
final class Tally implements Counter {

    /** The stored state. */
    record State(long value) {
    }

    /** The kind, bound by the name {@code counter}. */
    static final Kind<State, Counter> KIND = new Kind<>("counter", State.class, Counter.class, Tally::new);

    private final Self<State> self;

    private Tally(Self<State> self) {
        this.self = self;
    }

    @Override
    public Promise<Long> increment(long by) {
        long next = Math.addExact(self.state().value(), by);
        self.update(new State(next));
        return Promise.of(next);
    }

    @Override
    public Promise<Long> value() {
        return Promise.of(self.state().value());
    }

    @Override
    public Promise<List<Map<String, Object>>> describe() {
        return Promise.of(Descriptions.of(Counter.class));
    }
}
