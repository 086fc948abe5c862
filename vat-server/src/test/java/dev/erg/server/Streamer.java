package dev.erg.server;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/**
 * A test service that writes numbered entries to a durable stream, as fast as the stream's
 * window lets it: see {@link StreamerMaker}.
 */
public interface Streamer {

    /**
     * What a streamer has done.
     *
     * @param wanted      entries asked for
     * @param written     entries written to the stream
     * @param consumed    entries the receiver has consumed, as far as the streamer has heard
     * @param fullWindows writes the stream refused for want of room
     * @param rooms       times the stream said there was room again
     * @param ended       whether the stream is over
     * @param problem     why it broke, or empty
     */
    @Passable("erg.test.StreamerReport")
    record Report(long wanted, long written, long consumed, long fullWindows, long rooms, boolean ended,
                  String problem) {
    }

    /** Opens a stream of {@code topic} to the sink {@code sturdyRef} designates, with a window of {@code maxItems}. */
    Promise<Long> open(String sturdyRef, String topic, int maxItems);

    /** Asks for {@code count} more entries, written now as far as the window allows and later as room comes. */
    Promise<Long> write(long count);

    /** Closes the stream with {@code value} once every entry asked for is written. */
    Promise<Boolean> closeWhenWritten(String value);

    Promise<Report> report();
}
