package dev.erg.vat;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as people read them in messages: {@code 5 s}, {@code 250 ms}, {@code 1.5 ms}. */
final class Durations {

    private Durations() {
    }

    /** {@code duration} in whole seconds if it is that, else in (possibly fractional) milliseconds. */
    static String describe(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds() + " s";
        }
        BigDecimal millis = BigDecimal.valueOf(duration.getSeconds()).movePointRight(3)
                .add(BigDecimal.valueOf(duration.getNano(), 6));
        return millis.stripTrailingZeros().toPlainString() + " ms";
    }
}
