package dev.erg.server.durable;

import dev.erg.vat.Problem;

/**
 * Implemented by the code of a durable object that writes {@linkplain DurableStreams durable
 * streams} and wants to hear how they go. Each call comes in a turn of its own, which may
 * write again.
 */
public interface StreamSource {

    /**
     * There is room in {@code stream}'s window again, after a {@link DurableStreams#write}
     * answered {@code false}: the receiver has consumed {@code consumed} items, and at least
     * half the window is free.
     */
    void room(long stream, long consumed);

    /**
     * {@code stream} is over: the receiver consumed its close or failure ({@code problem} is
     * null), or it broke with {@code problem} after the receiver had consumed
     * {@code consumed} items: the receiver refused an item, or has no such object or none
     * that receives streams.
     */
    void ended(long stream, long consumed, Problem problem);
}
