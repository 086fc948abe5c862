package dev.erg.stream;

import dev.erg.vat.Problem;
import dev.erg.vat.spi.Vats;
import java.util.concurrent.Flow;

/**
 * The subscription a {@link StreamReader} gives a {@link Flow.Subscriber}: demand and
 * cancelling may come from any thread, and reach the reader in a turn of its vat.
 */
final class ReaderSubscription implements Flow.Subscription {

    private final StreamReader<?> reader;

    ReaderSubscription(StreamReader<?> reader) {
        this.reader = reader;
    }

    @Override
    public void request(long n) {
        inVat(() -> {
            if (n <= 0) {
                reader.cancel(Problem.of(Problem.REFUSED, "a subscriber requested %d items (expected: at least 1)", n));
            } else {
                reader.request(n);
            }
        });
    }

    @Override
    public void cancel() {
        inVat(() -> reader.cancelSilently(Problem.of(Problem.REFUSED, "the stream's subscriber cancelled it")));
    }

    private void inVat(Runnable action) {
        if (Vats.current() == reader.vat()) {
            action.run();
        } else {
            reader.vat().run(action);
        }
    }
}
