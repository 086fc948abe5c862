package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PositionMapTest {

    @Test
    void agreesWithAHashMapOverRandomOperations() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        PositionMap<String> map = new PositionMap<>();
        Map<Long, String> oracle = new HashMap<>();
        List<Long> used = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            // Mostly keys seen before, so that removals and replacements hit; runs of
            // sequential positions, as a session makes them, and arbitrary ones, as a peer may.
            long key = !used.isEmpty() && random.nextInt(3) > 0 ? used.get(random.nextInt(used.size()))
                    : random.nextBoolean() ? step : random.nextLong() & Long.MAX_VALUE;
            used.add(key);
            if (used.size() > 4_096) {
                used.remove(random.nextInt(used.size()));
            }
            String value = "v" + step;
            String where = "seed " + seed + ", step " + step + ", key " + key;
            switch (random.nextInt(6)) {
                case 0, 1 -> assertThat(map.put(key, value)).as(where).isEqualTo(oracle.put(key, value));
                case 2 -> assertThat(map.putIfAbsent(key, value)).as(where).isEqualTo(oracle.putIfAbsent(key, value));
                case 3, 4 -> assertThat(map.remove(key)).as(where).isEqualTo(oracle.remove(key));
                default -> {
                    assertThat(map.get(key)).as(where).isEqualTo(oracle.get(key));
                    assertThat(map.containsKey(key)).as(where).isEqualTo(oracle.containsKey(key));
                }
            }
            assertThat(map.size()).as(where).isEqualTo(oracle.size());
        }
        assertThat(map.values()).as("seed %d", seed)
                .containsExactlyElementsOf(new TreeMap<>(oracle).values());
        for (Map.Entry<Long, String> e : oracle.entrySet()) {
            assertThat(map.get(e.getKey())).as("seed %d, key %d", seed, e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void emptiedByRemovalsAndByClear() {
        PositionMap<Integer> map = new PositionMap<>();
        for (int i = 0; i < 10_000; i++) {
            map.put(i, i);
        }
        for (int i = 0; i < 10_000; i += 2) {
            assertThat(map.remove(i)).isEqualTo(i);
        }
        assertThat(map.size()).isEqualTo(5_000);
        assertThat(map.get(4)).isNull();
        assertThat(map.get(5)).isEqualTo(5);
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(5)).isNull();
        assertThat(map.values()).isEmpty();
        assertThat(map.put(5, 50)).isNull();
        assertThat(map.get(5)).isEqualTo(50);
    }

    @Test
    void aMapEmptiedAfterABurstGivesItsRoomBackAndKeepsWhatItHolds() {
        PositionMap<Long> map = new PositionMap<>();
        for (long p = 0; p < 100_000; p++) {
            map.put(p, p);
        }
        assertThat(map.slots()).isGreaterThanOrEqualTo(200_000);
        for (long p = 0; p < 100_000; p++) {
            if (p % 25_000 != 7) {
                assertThat(map.remove(p)).isEqualTo(p);
            }
        }
        assertThat(map.size()).isEqualTo(4);
        assertThat(map.slots()).as("what is left of the burst").isLessThanOrEqualTo(64);
        assertThat(map.values()).containsExactly(7L, 25_007L, 50_007L, 75_007L);
        for (long p : new long[] {7, 25_007, 50_007, 75_007}) {
            assertThat(map.get(p)).isEqualTo(p);
        }
        assertThat(map.get(8)).isNull();
    }
}
