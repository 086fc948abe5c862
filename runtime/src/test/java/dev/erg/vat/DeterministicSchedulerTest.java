package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicSchedulerTest {

    /** Three vats each log five turns; the interleaving depends only on the seed. */
    private static List<String> interleaving(long seed) {
        List<String> log = new ArrayList<>();
        try (Sim sim = new Sim(seed)) {
            for (String name : List.of("a", "b", "c")) {
                Vat vat = sim.vat(name);
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    vat.run(() -> log.add(name + n));
                }
            }
            sim.scheduler.runUntilIdle();
        }
        return log;
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndOtherSeedsDiffer() {
        assertThat(interleaving(11)).isEqualTo(interleaving(11)).hasSize(15);
        assertThat(List.of(12L, 13L, 14L, 15L).stream().map(DeterministicSchedulerTest::interleaving))
                .anyMatch(other -> !other.equals(interleaving(11)));
    }

    @Test
    void timersFireInVirtualTime() {
        try (Sim sim = new Sim(1)) {
            Vat vat = sim.vat("v");
            List<String> log = new ArrayList<>();
            vat.run(() -> {
                vat.timer().after(Duration.ofSeconds(5)).when(x -> log.add("5s at " + vat.timer().now()), p -> { });
                vat.timer().after(Duration.ofSeconds(1)).when(x -> log.add("1s at " + vat.timer().now()), p -> { });
            });
            sim.scheduler.advance(Duration.ofSeconds(2));
            assertThat(log).containsExactly("1s at " + Instant.EPOCH.plusSeconds(1));
            sim.scheduler.runAll();
            assertThat(log).containsExactly("1s at " + Instant.EPOCH.plusSeconds(1), "5s at " + Instant.EPOCH.plusSeconds(5));
            assertThat(sim.scheduler.elapsed()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void randomnessIsACapabilitySeededByTheScheduler() {
        long first;
        try (Sim sim = new Sim(99)) {
            Vat vat = sim.vat("v");
            first = sim.settle(vat.call(() -> vat.random().nextLong()));
        }
        try (Sim sim = new Sim(99)) {
            Vat vat = sim.vat("v");
            assertThat(sim.settle(vat.call(() -> vat.random().nextLong()))).isEqualTo(first);
        }
    }

    @Test
    void productionTimersFireAfterTheirDelay() {
        try (VatRuntime runtime = VatRuntime.create()) {
            Vat vat = runtime.newVat("v");
            long start = System.nanoTime();
            runtime.timer().after(Duration.ofMillis(30)).join(Duration.ofSeconds(10));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
            assertThat(vat.timer()).isSameAs(runtime.timer());
        }
    }
}
