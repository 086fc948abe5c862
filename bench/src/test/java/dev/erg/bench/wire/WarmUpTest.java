package dev.erg.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void steadyFromTheEndOfTheLastSlowWindow() {
        List<double[]> rows = List.of(new double[] {1, 10}, new double[] {2, 95}, new double[] {3, 50},
                new double[] {4, 100}, new double[] {5, 98}, new double[] {6, 101}, new double[] {7, 99},
                new double[] {8, 100}, new double[] {9, 97});
        assertThat(WarmUp.steadyFrom(rows)).contains("from 3.00 s").contains("99 answers/s");
    }

    @Test
    void steadyFromTheStartWhenNoWindowIsSlow() {
        List<double[]> rows = List.of(new double[] {1, 100}, new double[] {2, 100}, new double[] {3, 100},
                new double[] {4, 100}, new double[] {5, 100}, new double[] {6, 100});
        assertThat(WarmUp.steadyFrom(rows)).contains("from 0.00 s");
    }
}
