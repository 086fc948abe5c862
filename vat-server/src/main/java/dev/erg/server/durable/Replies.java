package dev.erg.server.durable;

/**
 * Implemented by the behaviour of a durable object that wants the answers to its
 * {@linkplain Self#send durable sends}. Each answer is delivered once, in a turn of its own
 * that commits like any other.
 */
public interface Replies {

    /** Receives the answer to the send whose ticket {@code reply} carries. */
    void reply(Reply reply);
}
