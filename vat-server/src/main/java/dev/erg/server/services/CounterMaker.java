package dev.erg.server.services;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;

/** Makes durable {@link Counter}s, as the maker {@code counter}. */
public final class CounterMaker implements ServiceMaker {

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(Tally.KIND, () -> new Tally.State(0));
    }
}
