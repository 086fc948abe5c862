package dev.erg.captp.session;

import dev.erg.wire.codec.Message;

/**
 * Where a {@link Session} puts the messages it sends. The network layer encodes each with the
 * session's {@link Session#encoder()}, in the order given, and must not block.
 */
@FunctionalInterface
public interface Outbound {

    /** Queues {@code message} for the peer. */
    void send(Message message);

    /**
     * Runs {@code flush} soon, on any thread: the session sends the gc-answers and gc-exports it
     * has gathered then, unless a message it sends first took them along. The network layer
     * waits a moment so that they share a write with what follows; the default runs it at once.
     */
    default void flushSoon(Runnable flush) {
        flush.run();
    }
}
