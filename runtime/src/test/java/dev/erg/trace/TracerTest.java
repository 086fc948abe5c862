package dev.erg.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a tracer samples roots and names spans. */
class TracerTest {

    private static List<TraceContext> roots(Tracer tracer, int draws) {
        Sampler sampler = tracer.sampler();
        List<TraceContext> roots = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            TraceContext root = sampler.root();
            if (root != null) {
                roots.add(root);
            }
        }
        return roots;
    }

    @Test
    void aSeededTracerSamplesTheSameRootsEachTime() {
        List<TraceContext> first = roots(Tracer.builder().seed(42).sampleRate(0.1).build(), 10_000);
        List<TraceContext> second = roots(Tracer.builder().seed(42).sampleRate(0.1).build(), 10_000);
        assertThat(first).hasSizeBetween(800, 1_200).isEqualTo(second);
    }

    @Test
    void drawsOfOneRootDoNotShiftWithTheSpansOfOthers() {
        Tracer plain = Tracer.builder().seed(7).sampleRate(0.3).build();
        Tracer busy = Tracer.builder().seed(7).sampleRate(0.3).build();
        int sampledPlain = roots(plain, 1_000).size();
        int sampledBusy = 0;
        Sampler sampler = busy.sampler();
        for (int i = 0; i < 1_000; i++) {
            TraceContext root = sampler.root();
            if (root != null) {
                sampledBusy++;
                busy.child(busy.child(root));
            }
        }
        assertThat(sampledBusy).isEqualTo(sampledPlain);
    }

    @Test
    void anUnseededTracerSamplesAtItsRateWithDistinctIds() {
        int draws = 100_000;
        List<TraceContext> roots = roots(Tracer.builder().sampleRate(0.25).build(), draws);
        // 25,000 expected, with a standard deviation of about 137.
        assertThat(roots).hasSizeBetween(24_000, 26_000);
        Set<Long> spans = new HashSet<>();
        roots.forEach(root -> spans.add(root.span()));
        assertThat(spans).hasSize(roots.size());
        assertThat(roots).allMatch(TraceContext::sampled).allMatch(root -> root.parent() == 0);
    }

    @Test
    void ratesOfZeroAndOneSampleNoneAndAll() {
        assertThat(roots(Tracer.builder().sampleRate(0).build(), 1_000)).isEmpty();
        assertThat(roots(Tracer.builder().build(), 1_000)).hasSize(1_000);
    }

    @Test
    void aCapacityOutOfRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> Tracer.builder().capacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: 1 to 16777216)");
        assertThatThrownBy(() -> Tracer.builder().capacity(Tracer.Builder.MAX_CAPACITY + 1))
                .hasMessageContaining("expected: 1 to 16777216");
        assertThat(Tracer.builder().capacity(Tracer.Builder.MAX_CAPACITY).build()).isNotNull();
    }
}
