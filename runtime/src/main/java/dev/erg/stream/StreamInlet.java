package dev.erg.stream;

import dev.erg.vat.Problem;
import java.util.List;

/**
 * The reading side of one writer's session on a stream: the capability a {@link SendPort}
 * answers to the writer that opens it. Part of the stream protocol ({@code spec/streams.md});
 * applications use {@link StreamWriter} and {@link StreamReader}, which speak it.
 *
 * <p>Items are numbered from 0 in the order written. The reader accepts a batch only if it
 * continues the numbering and stays within the credit it has granted; anything else fails the
 * stream and cancels the writer.
 */
public interface StreamInlet {

    /**
     * Items numbered {@code first}, {@code first + 1}, ... in order; {@code waiting}: the writer
     * is held back by credit (it holds items the credit does not cover, or its application waits
     * for room), so a reader that runs dry before its next grant arrives knows its window is
     * smaller than the link's round trip.
     */
    void items(long first, List<Object> items, boolean waiting);

    /** No items follow the first {@code count}; the stream ends with {@code last}, a final value (or null). */
    void close(long count, Object last);

    /** No items follow the first {@code count}; the stream fails with {@code problem}. */
    void fail(long count, Problem problem);
}
