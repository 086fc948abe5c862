package dev.erg.bench.stream;

import dev.erg.stream.ReceivePort;
import dev.erg.vat.Promise;
import java.util.List;

/** What {@link StreamPeer} serves: readers of streams written in another JVM, and what they have read. */
public interface StreamSink {

    /**
     * Reads the stream whose writer's end is {@code port}, of {@code byte[]} items, in the
     * reading vat numbered {@code slot}, with the window {@code items} and {@code bytes}
     * growing to {@code maxItems} and {@code maxBytes}; counts every item in the slot's tally.
     *
     * @return the bytes read, once the writer has closed the stream
     */
    Promise<Long> read(ReceivePort<byte[]> port, int slot, int items, long bytes, int maxItems, long maxBytes);

    /** The items read so far into each of the first {@code slots} slots, in slot order, read at one moment. */
    Promise<List<Long>> tallies(int slots);

    /** The window, in items, each of the first {@code slots} slots' readers granted at its latest item. */
    Promise<List<Long>> windows(int slots);
}
