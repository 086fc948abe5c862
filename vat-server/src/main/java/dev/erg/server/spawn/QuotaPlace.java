package dev.erg.server.spawn;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running vat's place in a vat maker's quota, taken when the spawn starts and given back
 * once, by whichever comes first: the spawn failing, or the vat's end. Given back on the
 * thread that learns of it, before the vat's references break. Thread-safe.
 */
final class QuotaPlace {

    private final AtomicInteger running;
    private final AtomicBoolean freed = new AtomicBoolean();

    /** Takes a place among {@code running}. */
    QuotaPlace(AtomicInteger running) {
        this.running = running;
        running.incrementAndGet();
    }

    /** Gives the place back; idempotent. */
    void free() {
        if (freed.compareAndSet(false, true)) {
            running.decrementAndGet();
        }
    }
}
