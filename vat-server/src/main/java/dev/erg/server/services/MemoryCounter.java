package dev.erg.server.services;

import dev.erg.server.spi.Descriptions;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/** A {@link Counter} whose value lives in its vat's memory and ends with it. */
final class MemoryCounter implements Counter {

    private long value;

    MemoryCounter(long start) {
        this.value = start;
    }

    @Override
    public Promise<Long> increment(long by) {
        value = Math.addExact(value, by);
        return Promise.of(value);
    }

    @Override
    public Promise<Long> value() {
        return Promise.of(value);
    }

    @Override
    public Promise<List<Map<String, Object>>> describe() {
        return Promise.of(Descriptions.of(Counter.class));
    }
}
