package dev.erg.stream;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The consumer behind {@link StreamReader#next()}: promises waiting for items, answered in
 * order, each with the item after the one before; empty once the stream has closed, broken
 * once it has failed.
 *
 * @param <T> the type of the stream's items
 */
final class NextWaiters<T> implements ItemSink<T> {

    private final ArrayDeque<Deferred<Optional<T>>> waiting = new ArrayDeque<>();

    /** Queues {@code next} for the item after those already waited for. */
    void add(Deferred<Optional<T>> next) {
        waiting.add(next);
    }

    @Override
    public void next(T item) {
        waiting.poll().resolver().resolve(Optional.of(item));
    }

    @Override
    public void end(Object last) {
        settleAll(null);
    }

    @Override
    public void failed(Problem problem) {
        settleAll(problem);
    }

    private void settleAll(Problem problem) {
        for (Deferred<Optional<T>> next; (next = waiting.poll()) != null; ) {
            settle(next, problem);
        }
    }

    /** Answers {@code next} after the end: empty if the stream closed ({@code problem} null), else broken with it. */
    static <T> void settle(Deferred<Optional<T>> next, Problem problem) {
        if (problem == null) {
            next.resolver().resolve(Optional.empty());
        } else {
            next.resolver().reject(problem);
        }
    }
}
