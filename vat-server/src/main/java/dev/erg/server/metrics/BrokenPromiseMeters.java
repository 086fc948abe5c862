package dev.erg.server.metrics;

import dev.erg.vat.spi.BrokenPromises;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code erg_promises_broken_total}, labelled {@code kind}: the runtime's
 * {@link BrokenPromises} counts, a counter per problem kind seen so far, registered as kinds
 * appear ({@link #sync}, before each scrape). The runtime bounds the number of kinds.
 */
final class BrokenPromiseMeters {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> kinds = new HashMap<>();

    BrokenPromiseMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized void sync() {
        BrokenPromises.counts().forEach((kind, count) -> kinds.computeIfAbsent(kind, k -> {
            AtomicLong seen = new AtomicLong();
            FunctionCounter.builder("erg.promises.broken", seen, AtomicLong::get)
                    .description("promises broken in this JVM, by the kind of their problem")
                    .tag("kind", k).register(registry);
            return seen;
        }).set(count));
    }
}
