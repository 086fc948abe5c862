package dev.erg.stream;

import dev.erg.vat.Problem;

/**
 * How a {@link StreamReader}'s items are consumed: one sink per reader, called in the reader's
 * turns with each item in order, then with the end.
 *
 * @param <T> the type of the stream's items
 */
interface ItemSink<T> {

    /** Takes the next item. */
    void next(T item);

    /** The writer closed the stream with {@code last}, and every item has been taken. */
    default void end(Object last) {
    }

    /** The stream failed with {@code problem}; the items received before it were taken. */
    default void failed(Problem problem) {
    }
}
