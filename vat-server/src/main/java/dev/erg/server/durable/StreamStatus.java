package dev.erg.server.durable;

import dev.erg.vat.Problem;

/**
 * How a durable stream stands, as its writer sees it.
 *
 * @param stream       the stream's number
 * @param sink         the sturdy ref of the receiving object, as text
 * @param topic        what {@link DurableStreams#open} named it
 * @param written      items written
 * @param consumed     items the receiver has consumed, as far as the writer has heard
 * @param bytesPending bytes of the items written and not yet consumed
 * @param maxItems     the window in items
 * @param maxBytes     the window in bytes
 * @param ending       whether it was closed or failed by its writer
 * @param ended        whether it is over: the receiver consumed its end, or it broke
 * @param problem      why it broke, or null
 */
public record StreamStatus(long stream, String sink, String topic, long written, long consumed, long bytesPending,
                           int maxItems, long maxBytes, boolean ending, boolean ended, Problem problem) {

    /** Whether {@link DurableStreams#write} would write an item now (of any size up to what the bytes allow). */
    public boolean hasRoom() {
        return !ending && !ended && written - consumed < maxItems && bytesPending < maxBytes;
    }
}
