package dev.erg.server.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Remembers when each vat last moved, so that none moves again within a set time. */
final class CoolDown {

    private final Duration period;
    private final Map<String, Instant> moved = new HashMap<>();

    CoolDown(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative()) {
            throw new IllegalArgumentException("cool-down: " + period + " (expected: >= 0)");
        }
        this.period = period;
    }

    /** Whether {@code vat} moved less than the period before {@code now}. */
    boolean cooling(String vat, Instant now) {
        Instant last = moved.get(vat);
        return last != null && now.isBefore(last.plus(period));
    }

    void moved(String vat, Instant now) {
        moved.put(vat, now);
    }

    /** Forgets the vats whose period has ended, so that ended vats do not pile up. */
    void forgetBefore(Instant now) {
        moved.values().removeIf(last -> !now.isBefore(last.plus(period)));
    }
}
