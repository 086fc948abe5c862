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
}
