package dev.erg.net.link;

import dev.erg.vat.spi.Refs;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The frames of one read from a connection, handed over so that a short burst is answered
 * without waking another thread: up to {@value #HELD} frames are held until the read ends
 * and then decoded and handed over together, in order, the turns they start in idle vats run on the I/O thread
 * ({@link Refs#receive}), and their answers go out in one write. A pipelined chain of calls,
 * which arrives as one burst, then runs on the thread that read it. A longer burst is
 * throughput rather than latency: its frames are handed over as they come, and their turns run
 * on the vats' own threads while this one goes on decoding. Frames are held undecoded because
 * decoding one may name what an earlier one creates, such as the answer to a call.
 *
 * <p>Used by one I/O thread.
 */
final class ReadBurst {

    /** The most messages whose turns a read runs on its I/O thread. */
    static final int HELD = 16;

    private final Consumer<ByteBuf> deliver;
    /** {@link #handOver}, made once: a read that ends hands it to {@link Refs#receive}. */
    private final Runnable handOver = this::handOver;
    private final ByteBuf[] held = new ByteBuf[HELD];
    private int count;
    /** Whether the read in progress outgrew {@link #HELD}: its messages are handed over as they come. */
    private boolean passing;

    /** @param deliver decodes one frame and hands its message to the session; it does not release the frame */
    ReadBurst(Consumer<ByteBuf> deliver) {
        this.deliver = deliver;
    }

    /**
     * Takes the next frame of the read, which the caller releases; returns whether it is the
     * first held, after which {@link #end} must be called.
     */
    boolean add(ByteBuf frame) {
        if (passing) {
            deliver.accept(frame);
            return false;
        }
        if (count == HELD) {
            passing = true;
            handOver();
            deliver.accept(frame);
            return false;
        }
        held[count++] = frame.retain();
        return count == 1;
    }

    /**
     * The read ended (or a message must follow those held): hands over what is held, running
     * the turns they start in idle vats here.
     */
    void end() {
        passing = false;
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
