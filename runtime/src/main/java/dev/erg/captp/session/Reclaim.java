package dev.erg.captp.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the JVM for a garbage collection on behalf of import tables. An import is released
 * only once the collector finds nothing refers to it, and an import weighs almost nothing, so
 * a program that receives many references and drops them at once (a pipelined chain's
 * intermediate answers, say) can fill its table to the limit long before memory pressure runs
 * a collection; then the peer's next reference would be refused although none is in use. As
 * the JDK's direct buffers do for their own limit, a table that grows toward its limit asks
 * for a collection, on a thread of its own so that the asking thread (often the network's)
 * does not wait, and one at a time however many tables ask.
 */
final class Reclaim {

    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    private static final AtomicLong STARTED = new AtomicLong();

    private Reclaim() {
    }

    /** Starts a collection unless one asked for here is running. */
    static void request() {
        if (!RUNNING.compareAndSet(false, true)) {
            return;
        }
        STARTED.incrementAndGet();
        Thread.ofPlatform().daemon().name("erg-reclaim").start(() -> {
            try {
                System.gc();
            } finally {
                RUNNING.set(false);
            }
        });
    }

    /** How many collections were started here in this JVM. */
    static long started() {
        return STARTED.get();
    }
}
