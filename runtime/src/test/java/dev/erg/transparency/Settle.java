package dev.erg.transparency;

import dev.erg.vat.Promise;
import java.util.List;

/** Records how promises settle, in a fixed order whatever order they settle in. */
public final class Settle {

    private Settle() {
    }

    /**
     * Appends to {@code channel}, in list order, {@code fulfilled <value>} or {@code broken
     * <kind>: <message>} for each promise, and promises how many were recorded once all are.
     * Call it in a turn of the vat that observes the promises.
     */
    public static Promise<Integer> inOrder(Outcome outcome, String channel, List<? extends Promise<?>> promises) {
        Promise<Integer> chain = Promise.of(0);
        for (Promise<?> promise : promises) {
            chain = chain.thenCompose(n -> describe(promise).then(line -> {
                outcome.add(channel, line);
                return n + 1;
            }));
        }
        return chain;
    }

    /** A promise for the line {@link #inOrder} records for {@code promise}. */
    public static Promise<String> describe(Promise<?> promise) {
        return promise.<String>then(v -> "fulfilled " + Describe.value(v)).otherwise(Describe::problem);
    }
}
