package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RedialTest {

    @Test
    void waitsDoubleFromAHundredMillisecondsUpToOneSecondAndStayThere() {
        List<Long> waits = new ArrayList<>();
        Duration wait = Redial.FIRST;
        for (int failure = 0; failure < 12; failure++) {
            waits.add(wait.toMillis());
            wait = Redial.next(wait);
        }
        assertThat(waits).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L);
    }

    @Test
    void eachWaitIsDrawnBetweenHalfAndAllOfIt() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        Duration wait = Redial.FIRST;
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < 10_000; i++) {
            Duration drawn = Redial.jittered(wait, random.nextDouble());
            assertThat(drawn).as("seed %d, wait %s", seed, wait).isBetween(wait.dividedBy(2), wait);
            if (wait.equals(Redial.CAP)) {
                shortest = Math.min(shortest, drawn.toMillis());
                longest = Math.max(longest, drawn.toMillis());
            }
            wait = Redial.next(wait);
        }
        assertThat(longest - shortest).as("seed %d: waits are spread, so watchers do not dial in step", seed)
                .isGreaterThan(400);
        assertThat(Redial.jittered(Redial.CAP, Math.nextDown(1.0))).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aDrawOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Redial.jittered(Redial.FIRST, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Redial.jittered(Redial.FIRST, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
