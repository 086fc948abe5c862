package dev.erg.server.durable;

/**
 * What a {@link StreamSink} hears of a durable stream, in this order: {@link Opened}, each
 * {@link Item}, then {@link Closed} or {@link Failed}.
 */
public sealed interface StreamEvent {

    /** The stream's number on the receiving side, the same in all its events. */
    long stream();

    /** A writer opened a stream to this object, about {@code topic}. */
    record Opened(long stream, String topic) implements StreamEvent {
    }

    /**
     * The stream's item number {@code seq}, from 1.
     *
     * @param value the item, as stored: a number, string, boolean, byte array, list or map (a
     *              record arrives as a map)
     */
    record Item(long stream, long seq, Object value) implements StreamEvent {
    }

    /** The writer closed the stream after {@code count} items, all consumed, with {@code value} (as stored). */
    record Closed(long stream, long count, Object value) implements StreamEvent {
    }

    /** The writer failed the stream with {@code reason}, after {@code count} items, all consumed. */
    record Failed(long stream, long count, String reason) implements StreamEvent {
    }
}
