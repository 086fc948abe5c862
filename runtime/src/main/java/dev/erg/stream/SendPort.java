package dev.erg.stream;

import dev.erg.vat.Promise;

/**
 * The sending end of a stream whose items are read by a {@link StreamReader}: a capability
 * that may be passed to any vat, of this JVM or another, where {@link StreamWriter#to} opens
 * it to write. A stream has one writer: a second open is refused.
 *
 * @param <T> the type of the stream's items
 */
public interface SendPort<T> {

    /**
     * Opens the stream for the writer whose credit capability is {@code writer}; the reader
     * grants its first credit to it. Part of the stream protocol.
     *
     * @return the inlet to send items to; broken with a {@value dev.erg.vat.Problem#REFUSED}
     *         problem if the stream has a writer already
     */
    Promise<StreamInlet> open(StreamCredit writer);
}
