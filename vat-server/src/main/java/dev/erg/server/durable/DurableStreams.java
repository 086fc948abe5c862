package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;

/**
 * The durable streams of one durable object, from its {@link Self#streams()}: ordered
 * sequences of items to another durable object, on this vat-server or another, each item
 * consumed exactly once by the receiver, in order, across crashes and restarts of either
 * side.
 *
 * <p>A stream's items travel as letters through this server's outbox, so everything a turn
 * does to a stream commits with the turn: an item written by a turn that throws was never
 * written. The receiving object's code implements {@link StreamSink} and gets each item in a
 * turn of its own, which commits with its receipt. A window bounds the items (and their bytes)
 * written but not yet consumed: {@link #write} answers {@code false} while it is full, and the
 * writing object's code, if it implements {@link StreamSource}, is told when there is room
 * again and when the stream has ended.
 *
 * <p>A stream is named by a number, which the writing object keeps in its state; only the
 * object that opened a stream may write to it. Use it only from the object's turns.
 */
public interface DurableStreams {

    /** The items a stream may have written but not consumed, unless {@link #open(SturdyRef, String, int, long)} says otherwise. */
    int DEFAULT_ITEMS = 256;

    /** The bytes of the items a stream may have written but not consumed, unless said otherwise. */
    long DEFAULT_BYTES = 4L << 20;

    /** As {@link #open(SturdyRef, String, int, long)} with the default window. */
    long open(SturdyRef sink, String topic);

    /**
     * Opens a stream to the durable object {@code sink} designates, whose code must implement
     * {@link StreamSink}: it hears of the stream in a {@link StreamEvent.Opened} with
     * {@code topic}, then of each item. The stream opens with this turn's commit.
     *
     * @param topic    what the stream carries, for the receiver: at most 200 characters
     * @param maxItems how many items may be written and not yet consumed, at least 1
     * @param maxBytes how many bytes of encoded items may be written and not yet consumed, at
     *                 least 1; an item larger than this is written only into an empty window
     * @return the stream's number, for {@link #write} and the rest
     * @throws IllegalArgumentException if the topic or a bound is out of range
     */
    long open(SturdyRef sink, String topic, int maxItems, long maxBytes);

    /**
     * Writes {@code item} as the stream's next item, if its window has room: answers
     * {@code true} if it was written, {@code false} (writing nothing) if the window is full.
     * After a {@code false}, {@link StreamSource#room} says when to write again.
     *
     * @param item a value {@link StateCodec} stores, as {@link Self#send} takes
     * @throws IllegalArgumentException if the item cannot be stored or takes more than 512 KiB
     * @throws IllegalStateException    if the stream was closed, failed or has broken, or is
     *                                  not one this object opened
     */
    boolean write(long stream, Object item);

    /**
     * Ends the stream after the items written: the receiver gets a {@link StreamEvent.Closed}
     * with {@code value} once it has consumed them all. No window holds it back.
     *
     * @throws IllegalStateException as {@link #write} does
     */
    void close(long stream, Object value);

    /**
     * Ends the stream as failed after the items written: the receiver gets a
     * {@link StreamEvent.Failed} with {@code reason} once it has consumed them.
     *
     * @throws IllegalStateException as {@link #write} does
     */
    void fail(long stream, String reason);

    /**
     * How the stream stands, as this turn has left it.
     *
     * @throws IllegalStateException if it is not a stream this object opened
     */
    StreamStatus status(long stream);
}
