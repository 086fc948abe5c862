package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link DataOnly} lets a store keep, and what it refuses, the first time a record class is seen and after. */
class DataOnlyTest {

    record Point(long x, String label) {
    }

    record Holder(Object held) {
    }

    record Throwing(long x) {
        @Override
        public long x() {
            throw new IllegalStateException("no x today");
        }
    }

    @Test
    void recordsOfDataPassEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatCode(() -> DataOnly.require(new Holder(List.of(new Point(1, "a"), Map.of("k", new Point(2, null))))))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aReferenceInARecordIsRefusedEveryTime() {
        Runnable live = () -> { };
        DataOnly.require(new Holder(1L));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> DataOnly.require(new Holder(live)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("durable state and letters hold data only");
        }
    }

    @Test
    void aComponentThatCannotBeReadIsNamed() {
        assertThatThrownBy(() -> DataOnly.require(List.of(new Throwing(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read component x of " + Throwing.class.getName())
                .hasMessageContaining("no x today");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        Object nested = 1L;
        for (int i = 0; i <= DataOnly.MAX_DEPTH; i++) {
            nested = new Holder(nested);
        }
        Object deep = nested;
        assertThatThrownBy(() -> DataOnly.require(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot store a value nested deeper than " + DataOnly.MAX_DEPTH);
    }
}
