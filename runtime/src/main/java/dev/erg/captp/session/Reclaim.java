package dev.erg.captp.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the JVM for a garbage collection on behalf of import tables. An import is released
 * only once the collector finds nothing refers to it, and an import weighs almost nothing, so
 * a program that receives many references and drops them at once (a pipelined chain's
 * intermediate answers, say) can fill its table to the limit long before memory pressure runs
 * a collection; then the peer's next reference would be refused although none is in use. As
 * the JDK's direct buffers do for their own limit, a table that grows toward its limit asks
 * for a collection: on a thread of its own, so that the asking thread (often the network's)
 * does not wait, and at most once a second in the JVM, so that peers sending references
 * cannot make the collector the receiver's main work.
 */
final class Reclaim {

    private static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final AtomicLong LAST_STARTED = new AtomicLong(System.nanoTime() - GAP_NANOS);
    private static final AtomicLong STARTED = new AtomicLong();

    private Reclaim() {
    }

    /** Starts a collection, unless one was started here less than a second ago; says whether it did. */
    static boolean request() {
        long now = System.nanoTime();
        long last = LAST_STARTED.get();
        if (now - last < GAP_NANOS || !LAST_STARTED.compareAndSet(last, now)) {
            return false;
        }
        STARTED.incrementAndGet();
        Thread.ofPlatform().daemon().name("erg-reclaim").start(System::gc);
        return true;
    }

    /** How many collections were started here in this JVM. */
    static long started() {
        return STARTED.get();
    }
}
