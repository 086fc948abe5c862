package dev.erg.wire.codec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that frames not yet complete may take, shared by the {@link FrameDecoder}s of many
 * connections: a decoder reserves a frame's declared length when its header arrives ahead of
 * its payload, and gives it back when the frame is complete or the connection ends. It bounds
 * the memory that peers who announce frames and send them slowly, or never, can make a
 * listener hold. Thread-safe.
 */
public final class FrameBudget {

    private final long max;
    private final AtomicLong held = new AtomicLong();

    /** A budget of {@code max} bytes. */
    public FrameBudget(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
        }
        this.max = max;
    }

    /** A budget no frame exhausts, for connections a vat dials itself. */
    public static FrameBudget unbounded() {
        return new FrameBudget(Long.MAX_VALUE);
    }

    /** The bytes this budget allows in all. */
    public long max() {
        return max;
    }

    /** The bytes reserved now. */
    public long held() {
        return held.get();
    }

    /** Reserves {@code bytes} and returns true, or returns false and reserves nothing if they would pass the budget. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (bytes > max - now) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back {@code bytes} reserved before. */
    void release(long bytes) {
        held.addAndGet(-bytes);
    }
}
