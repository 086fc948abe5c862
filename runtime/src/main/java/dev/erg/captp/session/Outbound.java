package dev.erg.captp.session;

import dev.erg.wire.codec.Message;
import java.util.List;

/**
 * Where a {@link Session} puts the messages it sends. The network layer encodes each with the
 * session's {@link Session#encoder()}, in the order given, and must not block.
 */
@FunctionalInterface
public interface Outbound {

    /** Queues {@code message} for the peer. */
    void send(Message message);

    /**
     * Queues {@code messages} for the peer, in order, to go out together where the network
     * layer can: a message and the gc messages it carries along, in one write rather than a
     * write each. The default sends them one by one.
     */
    default void send(List<Message> messages) {
        for (Message message : messages) {
            send(message);
        }
    }

    /**
     * Queues {@code message} as {@link #send(Message)} does, then runs {@code queued} on this
     * thread; if the message is not queued (it cannot be encoded), {@code queued} does not run.
     */
    default void send(Message message, Runnable queued) {
        send(message);
        queued.run();
    }

    /**
     * Queues {@code messages} as {@link #send(List)} does, then runs {@code queued} on this
     * thread once the last of them is queued; if it is not, {@code queued} does not run.
     */
    default void send(List<Message> messages, Runnable queued) {
        send(messages);
        queued.run();
    }

    /**
     * Runs {@code flush} soon, on any thread: the session sends the gc-answers and gc-exports it
     * has gathered then, unless a message it sends first took them along. The network layer
     * waits a moment so that they share a write with what follows; the default runs it at once.
     */
    default void flushSoon(Runnable flush) {
        flush.run();
    }
}
