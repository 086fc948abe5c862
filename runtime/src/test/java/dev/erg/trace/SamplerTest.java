package dev.erg.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a sampler counts down runs of unsampled roots, so that each root is still sampled at the rate. */
class SamplerTest {

    /** The lengths of the runs of unsampled roots before each sampled one, over {@code roots} roots. */
    private static List<Long> runs(Sampler sampler, int roots) {
        List<Long> runs = new ArrayList<>();
        long run = 0;
        for (int i = 0; i < roots; i++) {
            if (sampler.root() == null) {
                run++;
            } else {
                runs.add(run);
                run = 0;
            }
        }
        return runs;
    }

    /**
     * Runs are geometric, as the runs between roots sampled one by one at 1% are: about 99
     * long on average with a standard deviation of about 99.5, and one sampled root in a hundred
     * follows another at once. A sampler of every hundredth root would pass the first test only.
     */
    @Test
    void runsOfUnsampledRootsAreGeometric() {
        List<Long> runs = runs(Tracer.builder().seed(11).sampleRate(0.01).build().sampler(), 2_000_000);
        // 20,000 sampled expected, with a standard deviation of about 141.
        assertThat(runs).hasSizeBetween(19_300, 20_700);
        double mean = runs.stream().mapToLong(Long::longValue).average().orElseThrow();
        double variance = runs.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / runs.size();
        assertThat(mean).isBetween(96.0, 102.0);
        assertThat(Math.sqrt(variance)).isBetween(94.0, 105.0);
        // About 200 runs of none, with a standard deviation of about 14.
        assertThat(runs.stream().filter(r -> r == 0).count()).isBetween(140L, 260L);
    }

    @Test
    void aSamplerSamplesForItsOwnTracerOnly() {
        Tracer tracer = Tracer.builder().seed(14).build();
        Sampler sampler = tracer.sampler();
        assertThat(sampler.samplesFor(tracer)).isTrue();
        assertThat(sampler.samplesFor(Tracer.builder().seed(14).build())).isFalse();
    }
}
