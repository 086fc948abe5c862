package dev.erg.bench.stream;

import dev.erg.stream.ReceivePort;
import dev.erg.stream.StreamReader;
import dev.erg.stream.Window;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@link StreamSink} of {@link StreamPeer}: each slot's reader runs in a vat of its own,
 * made on first use and kept, so that concurrent streams are read as concurrent vats would read
 * them and a run makes no more vats than it has streams.
 */
final class ReadingSink implements StreamSink {

    private final VatRuntime runtime;
    private final List<Vat> vats = new ArrayList<>();
    /** Written by each slot's vat, read at once by {@link #tallies}: hence atomic, not a vat's state. */
    private final AtomicLongArray tallies;
    private final AtomicLongArray windows;

    ReadingSink(VatRuntime runtime, int maxSlots) {
        this.runtime = runtime;
        this.tallies = new AtomicLongArray(maxSlots);
        this.windows = new AtomicLongArray(maxSlots);
    }

    @Override
    public Promise<Long> read(ReceivePort<byte[]> port, int slot, int items, long bytes, int maxItems, long maxBytes) {
        Window window = new Window(items, bytes, maxItems, maxBytes);
        return vat(slot).callPromise(() -> {
            StreamReader<byte[]> reader = StreamReader.from(port, byte[].class, window);
            long[] read = new long[1];
            return reader.forEach(item -> {
                read[0] += item.length;
                tallies.setOpaque(slot, tallies.getOpaque(slot) + 1); // one writer: the slot's vat
                windows.setOpaque(slot, reader.windowItems());
            }).then(last -> read[0]);
        });
    }

    @Override
    public Promise<List<Long>> tallies(int slots) {
        return Promise.of(firstOf(tallies, slots));
    }

    @Override
    public Promise<List<Long>> windows(int slots) {
        return Promise.of(firstOf(windows, slots));
    }

    private static List<Long> firstOf(AtomicLongArray values, int slots) {
        List<Long> first = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            first.add(values.get(i));
        }
        return first;
    }

    /** Called in the sink's own vat only, so the list needs no lock. */
    private Vat vat(int slot) {
        if (slot < 0 || slot >= tallies.length()) {
            throw new IllegalArgumentException("slot " + slot + " (expected: 0 to " + (tallies.length() - 1) + ")");
        }
        while (vats.size() <= slot) {
            vats.add(runtime.newVat("reader-" + vats.size()));
        }
        return vats.get(slot);
    }
}
