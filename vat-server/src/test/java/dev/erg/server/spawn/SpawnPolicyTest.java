package dev.erg.server.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.VatMaker;
import dev.erg.vat.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnPolicyTest {

    private final SpawnLimits limits = SpawnLimits.defaults().with(SpawnLimits.COMPUTRONS_TURN, 1_000);
    private final SpawnPolicy policy = new SpawnPolicy(limits, limits.with(SpawnLimits.COMPUTRONS_TURN, 5_000)
            .with(SpawnLimits.WORKER_HEAP_MB, 512));

    @Test
    void grantsItsLimitsOrWhatASpawnAsksForWithinTheMaxima() {
        assertThat(policy.grant(Map.of())).isEqualTo(limits);
        SpawnLimits granted = policy.grant(Map.of(SpawnLimits.COMPUTRONS_TURN, 5_000L, SpawnLimits.STORAGE_BYTES, 10L,
                SpawnLimits.WORKER_HEAP_MB, 64L));
        assertThat(granted.confined().perTurn()).isEqualTo(5_000);
        assertThat(granted.confined().storageBytes()).isEqualTo(10);
        assertThat(granted.workerHeapMegabytes()).isEqualTo(64);
        assertThat(granted.asMap()).containsOnlyKeys(SpawnLimits.NAMES);
        assertThat(SpawnLimits.defaults().with(granted.asMap())).isEqualTo(granted);
    }

    @Test
    void refusesWhatIsAboveAMaximumUnknownOrOutOfRange() {
        assertRefused(Map.of(SpawnLimits.COMPUTRONS_TURN, 5_001L),
                "asked for more than this server allows: computrons.turn 5001 > 5000");
        Map<String, Long> two = new LinkedHashMap<>();
        two.put(SpawnLimits.MESSAGES_TURN, 20_000L);
        two.put(SpawnLimits.WORKER_CPU_SECONDS, 601L);
        assertRefused(two, "asked for more than this server allows: messages.turn 20000 > 10000, worker.cpu.seconds 601 > 600");
        assertRefused(Map.of("cpu", 1L), "no limit is called \"cpu\" (known: computrons.turn, computrons.vat, messages.turn,"
                + " messages.pending, storage.bytes, worker.heap.mb, worker.cpu.seconds)");
        assertRefused(Map.of(SpawnLimits.MESSAGES_PENDING, 0L),
                "messages.pending = 0: message limits must be positive: 10000 per turn, 0 pending");
        assertRefused(null, "the limits are null (expected: a map of limit names to numbers, perhaps empty)");
    }

    @Test
    void aPolicyWhoseLimitsExceedItsMaximaIsRefused() {
        assertThatThrownBy(() -> new SpawnPolicy(limits.with(SpawnLimits.STORAGE_BYTES, 2), limits.with(SpawnLimits.STORAGE_BYTES, 1)))
                .hasMessage("limits above their maxima: storage.bytes 2 > 1");
    }

    private void assertRefused(Map<String, Long> asked, String message) {
        assertThatThrownBy(() -> policy.grant(asked)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().kind()).isEqualTo(VatMaker.LIMIT_REFUSED);
            assertThat(e.problem().message()).isEqualTo(message);
        });
    }
}
