package dev.erg.vat;

import java.time.Duration;
import java.time.Instant;

/** The timer of a runtime, backed by its scheduler's clock. */
final class SchedulerTimer implements Timer {

    private final Scheduler scheduler;

    SchedulerTimer(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Instant now() {
        return scheduler.now();
    }

    @Override
    public Promise<Void> after(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
        }
        Promise<Void> promise = new Promise<>();
        scheduler.schedule(delay.toNanos(), () -> promise.resolveInternal(null, null));
        return promise;
    }
}
