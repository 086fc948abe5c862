package dev.erg.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrimeSieveTest {

    @Test
    void countsAsPublished() {
        assertThat(PrimeSieve.count(0, 0)).isZero();
        assertThat(PrimeSieve.count(0, 3)).isEqualTo(1);
        assertThat(PrimeSieve.count(0, 100)).isEqualTo(25);
        assertThat(PrimeSieve.count(0, 1_000_000)).isEqualTo(78_498);
    }

    @Test
    void rangesAddUpAcrossSegmentBoundaries() {
        long whole = PrimeSieve.count(0, 3_000_000);
        long pieces = 0;
        for (Range range : Range.split(3_000_000, 7)) {
            pieces += PrimeSieve.count(range.from(), range.to());
        }
        assertThat(pieces).isEqualTo(whole).isEqualTo(216_816);
        assertThat(PrimeSieve.count(999_983, 999_984)).as("the largest prime below a million").isEqualTo(1);
    }

    @Test
    void refusesRangesItCannotCount() {
        assertThatThrownBy(() -> PrimeSieve.count(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrimeSieve.count(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitCoversTheWholeRangeInOrder() {
        assertThat(Range.split(10, 3)).containsExactly(new Range(0, 3), new Range(3, 6), new Range(6, 10));
    }
}
