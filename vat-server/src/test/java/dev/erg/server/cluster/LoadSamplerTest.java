package dev.erg.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadSamplerTest {

    @Test
    void eachSampleCountsTheTurnsSinceThePreviousOne() {
        AtomicLong turns = new AtomicLong(1_000);
        LoadSampler sampler = new LoadSampler(turns::get, () -> 4);
        turns.addAndGet(500);

        Load first = sampler.sample();
        Load second = sampler.sample();

        assertThat(first.turnsPerSecond()).as("500 turns in the moments since the sampler was made").isPositive();
        assertThat(second.turnsPerSecond()).as("none since the first sample").isZero();
        assertThat(first.vatCount()).isEqualTo(4);
        assertThat(first.cpuShare()).isBetween(0.0, 1.0);
    }
}
