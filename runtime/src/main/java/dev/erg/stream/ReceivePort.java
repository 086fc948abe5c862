package dev.erg.stream;

import dev.erg.vat.Promise;

/**
 * The receiving end of a stream written by a {@link StreamWriter}: a capability that may be
 * passed to any vat, of this JVM or another, where {@link StreamReader#from} opens it to read.
 * A stream has one reader: a second open is refused.
 *
 * @param <T> the type of the stream's items
 */
public interface ReceivePort<T> {

    /**
     * Opens the stream for the reader whose inlet is {@code reader}; items go there as the
     * reader grants credit. Part of the stream protocol.
     *
     * @return the writer's credit capability; broken with a
     *         {@value dev.erg.vat.Problem#REFUSED} problem if the stream has a reader already
     */
    Promise<StreamCredit> open(StreamInlet reader);
}
