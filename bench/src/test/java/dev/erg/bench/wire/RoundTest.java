package dev.erg.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTest {

    @Test
    void percentilesComeFromTheSortedSamples() {
        long[] samples = {50, 10, 40, 20, 30};
        assertThat(Round.percentile(samples, 0.5)).isEqualTo(30);
        assertThat(Round.percentile(samples, 0.99)).isEqualTo(50);
        assertThat(samples).containsExactly(50, 10, 40, 20, 30);
    }

    @Test
    void theMedianOfRoundsIsTakenFigureByFigure() {
        List<Round> rounds = List.of(new Round(1, 9, 100, 5), new Round(3, 7, 300, 4), new Round(2, 8, 200, 6));
        assertThat(Round.median(rounds)).isEqualTo(new Round(2, 8, 200, 5));
        assertThat(Round.median(rounds.subList(0, 2), Round::perSecond)).isEqualTo(200);
    }
}
