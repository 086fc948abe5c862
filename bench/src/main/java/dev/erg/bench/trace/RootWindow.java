package dev.erg.bench.trace;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a bounded number of roots outstanding, started by one thread and finished on any.
 * When the window is full, {@link #start} waits until half of it has drained, so that the
 * starting thread is woken once per half window rather than once per root, and the roots in
 * flight (and the garbage they make) stay bounded whatever the mode being measured.
 */
final class RootWindow {

    private final int size;
    private final int low;
    private final long patienceNanos;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile Thread waiting;

    /**
     * @param size     the most roots outstanding at once, at least 1
     * @param patience how long {@link #start} and {@link #drain} wait before they give up
     */
    RootWindow(int size, Duration patience) {
        if (size < 1) {
            throw new IllegalArgumentException("window: " + size + " (expected: >= 1)");
        }
        this.size = size;
        this.low = size / 2;
        this.patienceNanos = patience.toNanos();
    }

    /**
     * Runs {@code root}, which must arrange for {@link #finish} to be called once when it
     * completes; first, if the window is full, waits until at most half of it is outstanding.
     *
     * @throws IllegalStateException if the window does not drain within the patience
     */
    void start(Runnable root) {
        if (outstanding.get() >= size && !awaitAtMost(low)) {
            throw new IllegalStateException(outstanding.get() + " roots still outstanding after "
                    + Duration.ofNanos(patienceNanos));
        }
        outstanding.incrementAndGet();
        try {
            root.run();
        } catch (RuntimeException | Error e) {
            outstanding.decrementAndGet();
            throw e;
        }
    }

    /** Says that one root has completed; called on any thread. */
    void finish() {
        int left = outstanding.decrementAndGet();
        if (left == low || left == 0) {
            Thread starter = waiting;
            if (starter != null) {
                LockSupport.unpark(starter);
            }
        }
    }

    /** The roots started and not finished. */
    int outstanding() {
        return outstanding.get();
    }

    /** Waits until every root started has finished; false if the patience ran out first. */
    boolean drain() {
        return awaitAtMost(0);
    }

    private boolean awaitAtMost(int most) {
        long deadline = System.nanoTime() + patienceNanos;
        waiting = Thread.currentThread();
        try {
            // A finish that crosses the mark between the test and the park leaves a permit: the park returns.
            while (outstanding.get() > most) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiting = null;
        }
    }
}
