package dev.erg.samples.logship;

import dev.erg.stream.SendPort;
import dev.erg.vat.Promise;

/** An organization's archive of logs that others ship to it, as streams of byte chunks. */
public interface Archive {

    /** How many bytes of the log {@code name} the archive has stored. */
    Promise<Long> stored(String name);

    /**
     * A stream whose chunks the archive appends to the log {@code name}, which must hold
     * exactly {@code from} bytes: a shipper resumes from {@link #stored}.
     *
     * @return the stream's sending end; broken with {@code Conflict} if the log holds another
     *         number of bytes, or {@code Refused} if a shipment to it is still open
     */
    Promise<SendPort<byte[]>> append(String name, long from);

    /** The SHA-256 of the log {@code name} as stored, in hex. */
    Promise<String> digest(String name);
}
