package dev.erg.bench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunOrderTest {

    @Test
    void eachModeRunsOnceInEveryRound() {
        for (int modes = 1; modes <= 8; modes++) {
            RunOrder order = new RunOrder(modes);
            for (int round = 0; round < order.blockLength(); round++) {
                int[] sorted = order.round(round);
                Arrays.sort(sorted);
                assertThat(sorted).as("round %d of %d modes", round, modes)
                        .containsExactly(IntStream.range(0, modes).toArray());
            }
        }
    }

    @Test
    void aBlockPutsEachModeInEachPlaceAndAfterEachOtherEquallyOften() {
        for (int modes = 2; modes <= 8; modes++) {
            RunOrder order = new RunOrder(modes);
            int rounds = order.blockLength();
            assertThat(rounds).isEqualTo(modes % 2 == 0 ? modes : 2 * modes);
            int[][] inPlace = new int[modes][modes];
            int[][] after = new int[modes][modes];
            for (int round = 0; round < rounds; round++) {
                int[] runs = order.round(round);
                for (int place = 0; place < modes; place++) {
                    inPlace[runs[place]][place]++;
                    if (place > 0) {
                        after[runs[place]][runs[place - 1]]++;
                    }
                }
            }
            int times = rounds / modes;
            for (int mode = 0; mode < modes; mode++) {
                assertThat(inPlace[mode]).as("places of mode %d of %d", mode, modes).containsOnly(times);
                for (int before = 0; before < modes; before++) {
                    assertThat(after[mode][before]).as("mode %d after %d, of %d", mode, before, modes)
                            .isEqualTo(mode == before ? 0 : times);
                }
            }
        }
    }

    @Test
    void roundsPastABlockBeginTheNext() {
        RunOrder order = new RunOrder(5);
        assertThat(order.round(order.blockLength() + 3)).containsExactly(order.round(3));
    }

    @Test
    void noModesIsRefused() {
        assertThatThrownBy(() -> new RunOrder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modes: 0");
    }
}
