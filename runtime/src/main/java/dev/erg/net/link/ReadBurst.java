package dev.erg.net.link;

import dev.erg.vat.spi.Refs;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The frames of one read from a connection, handed over so that a burst is answered without
 * waking another thread: frames are held until the read ends, or until {@value #HELD} are held,
 * and then decoded and handed over together, in order; the turns they start in idle vats run on
 * the I/O thread ({@link Refs#receive}), and their answers go out in one write. A pipelined
 * chain of calls, which arrives as one burst, then runs on the thread that read it, and a long
 * read, many calls outstanding, runs in chunks of {@value #HELD} with no thread woken per call;
 * the budget of {@code Refs.receive} still sends a slow vat's turns to the pool. Frames are held
 * undecoded because decoding one may name what an earlier one creates, such as the answer to a
 * call.
 *
 * <p>Used by one I/O thread.
 */
final class ReadBurst {

    /** The most frames held before those held are handed over. */
    static final int HELD = 16;

    private final Consumer<ByteBuf> deliver;
    /** {@link #handOver}, made once: a read that ends hands it to {@link Refs#receive}. */
    private final Runnable handOver = this::handOver;
    private final ByteBuf[] held = new ByteBuf[HELD];
    private int count;

    /** @param deliver decodes one frame and hands its message to the session; it does not release the frame */
    ReadBurst(Consumer<ByteBuf> deliver) {
        this.deliver = deliver;
    }

    /**
     * Takes the next frame of the read, which the caller releases, first handing over those held
     * if they are {@value #HELD}; returns whether it is the first of the read, after which
     * {@link #end} must be called.
     */
    boolean add(ByteBuf frame) {
        boolean full = count == HELD;
        if (full) {
            Refs.receive(handOver);
        }
        held[count++] = frame.retain();
        return count == 1 && !full;
    }

    /**
     * The read ended (or a message must follow those held): hands over what is held, running
     * the turns they start in idle vats here.
     */
    void end() {
        if (count > 0) {
            Refs.receive(handOver);
        }
    }

    private void handOver() {
        int n = count;
        count = 0;
        for (int i = 0; i < n; i++) {
            ByteBuf frame = held[i];
            held[i] = null;
            try {
                deliver.accept(frame);
            } finally {
                frame.release();
            }
        }
    }
}
