package dev.erg.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison in its bounded mode ({@code --quick}): every measure runs across real JVMs and
 * gives a figure, and every stream of the fairness run delivers. The full mode is run by hand;
 * bench/RESULTS.md has its figures.
 */
class StreamCompareTest {

    @Test
    void theQuickModeMeasuresEveryRowAndEveryStreamDelivers() throws Exception {
        StreamResults results = StreamCompare.run(StreamOptions.parse(List.of("--quick")));
        String report = String.join("\n", StreamReport.print(results));

        assertThat(results.raw().median()).as(report).isPositive();
        assertThat(results.bulk()).as(report).hasSize(2).allSatisfy(m -> assertThat(m.median()).isPositive());
        assertThat(results.items().median()).as(report).isPositive();
        assertThat(results.calls().median()).as(report).isPositive();
        assertThat(results.fairness()).as(report).singleElement()
                .satisfies(f -> {
                    assertThat(f.items()).hasSize(50);
                    assertThat(f.min()).isPositive();
                });
    }
}
