package dev.erg.server.interop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Asks the JVM to collect garbage soon after a call, at most once per {@link #MIN_INTERVAL}.
 * An import is dropped, and its {@code op:gc-export} sent, only when the collector finds its
 * reference unreachable; on an idle server that may take minutes, and the public OCapN test
 * suite waits 15 seconds for it after calling the echo. Only the echo uses this: a collection
 * per second at most, and none unless it is called.
 */
final class CollectionNudge {

    /** How long after a call the collection runs: past the end of the call's turn. */
    static final Duration DELAY = Duration.ofMillis(100);
    /** The least time between two collections. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** Runs a task after so many nanoseconds. */
    interface Delays {
        void after(long nanos, Runnable task);
    }

    private final Runnable collect;
    private final LongSupplier nanoTime;
    private final Delays delays;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong lastRun = new AtomicLong();

    /** Collects with {@link System#gc()} on the common pool's delayed executor. */
    CollectionNudge() {
        this(System::gc, System::nanoTime, (nanos, task) -> delayed(nanos).execute(task));
    }

    CollectionNudge(Runnable collect, LongSupplier nanoTime, Delays delays) {
        this.collect = collect;
        this.nanoTime = nanoTime;
        this.delays = delays;
        this.lastRun.set(nanoTime.getAsLong() - MIN_INTERVAL.toNanos());
    }

    /** A call ended, or is about to: what it held should be collected soon. */
    void called() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(DELAY.toNanos(), lastRun.get() + MIN_INTERVAL.toNanos() - nanoTime.getAsLong());
        delays.after(wait, () -> {
            // Cleared first, so that a call arriving while the collector runs asks for the next one.
            pending.set(false);
            lastRun.set(nanoTime.getAsLong());
            collect.run();
        });
    }

    private static Executor delayed(long nanos) {
        return CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS);
    }
}
