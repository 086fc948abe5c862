package dev.erg.server.services;

import dev.erg.server.spi.Descriptions;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/** A {@link Counter} kept in memory: it starts at zero at each start of the server. */
final class Tally implements Counter {

    private long count;

    @Override
    public Promise<Long> increment(long by) {
        count = Math.addExact(count, by);
        return Promise.of(count);
    }

    @Override
    public Promise<Long> value() {
        return Promise.of(count);
    }

    @Override
    public Promise<List<Map<String, Object>>> describe() {
        return Promise.of(Descriptions.of(Counter.class));
    }
}
