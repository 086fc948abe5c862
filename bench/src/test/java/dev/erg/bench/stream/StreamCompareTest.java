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

    @Test
    void bulkOnlyMeasuresTheTransfersAloneAndTheCpuTimeOfBothJvms() throws Exception {
        StreamResults results = StreamCompare.run(StreamOptions.parse(List.of("--quick", "--bulk-only", "--windows=default")));
        String report = String.join("\n", StreamReport.print(results));

        assertThat(results.items().rounds()).as(report).isEmpty();
        assertThat(results.calls().rounds()).as(report).isEmpty();
        assertThat(results.fairness()).as(report).isEmpty();
        for (Measure m : List.of(results.raw(), results.bulk().getFirst())) {
            assertThat(m.rounds()).as(report).singleElement().satisfies(rate -> assertThat(rate).isPositive());
            assertThat(m.cpuSeconds(0, 0)).as("%s, this JVM: %s", m.name(), report).isPositive();
            assertThat(m.cpuSeconds(0, 1)).as("%s, the peer: %s", m.name(), report).isPositive();
            assertThat(m.compilerSeconds(0, 0) + m.compilerSeconds(0, 1)).as("%s, compiling: %s", m.name(), report)
                    .isNotNaN().isNotNegative().isLessThanOrEqualTo(m.cpuSeconds(0, 0) + m.cpuSeconds(0, 1));
        }
        assertThat(report).contains("CPU s/GiB", "of which compiling").doesNotContain("Fairness");
    }
}
