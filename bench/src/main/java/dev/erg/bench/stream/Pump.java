package dev.erg.bench.stream;

import dev.erg.stream.StreamWriter;
import dev.erg.vat.Promise;
import java.util.function.LongFunction;

/**
 * Writes items into a stream as fast as its reader's credit allows, in the writer's vat: each
 * turn writes until the writer says to wait, and the next starts when it has room again. It
 * closes the stream after {@code limit} items, or at the first room after {@link #stop()}.
 */
final class Pump {

    private final LongFunction<byte[]> items;
    private final long limit;
    /** Set by the thread that ends a timed run; read by the writer's vat. */
    private volatile boolean stopping;
    private StreamWriter<byte[]> writer;
    private long written;

    /** Will write {@code items.apply(0)}, {@code items.apply(1)}, ..., {@code limit} of them at most. */
    Pump(LongFunction<byte[]> items, long limit) {
        this.items = items;
        this.limit = limit;
    }

    /** Starts writing into {@code writer}; call in the writer's vat. */
    void start(StreamWriter<byte[]> writer) {
        this.writer = writer;
        pump();
    }

    private void pump() {
        while (written < limit && !stopping) {
            Promise<Void> room = writer.write(items.apply(written++));
            if (room.problemOrNull() != null) {
                return;                                     // the stream failed: its done() says why
            }
            if (!room.isSettled()) {
                room.when(ok -> pump(), problem -> { });
                return;
            }
        }
        writer.close(null);
    }

    /** Has the pump close the stream at its next room; from any thread. */
    void stop() {
        stopping = true;
    }
}
