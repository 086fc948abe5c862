package dev.erg.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TurnLogTest {

    @Test
    void turnsFallInTheDecadeBelowTheirFirstBoundAbove() {
        assertThat(TurnLog.decade(0)).isZero();
        assertThat(TurnLog.decade(9_999)).isZero();
        assertThat(TurnLog.decade(10_000)).isEqualTo(1);
        assertThat(TurnLog.decade(999_999)).isEqualTo(2);
        assertThat(TurnLog.decade(1_000_000)).isEqualTo(3);
        assertThat(TurnLog.decade(999_999_999)).isEqualTo(5);
        assertThat(TurnLog.decade(1_000_000_000)).isEqualTo(6);
        assertThat(TurnLog.decade(Long.MAX_VALUE)).isEqualTo(6);
    }

    @Test
    void keepsTheLastTurnsNewestFirstAndCountsEveryTurnByDecade() {
        TurnLog log = new TurnLog();
        assertThat(log.recent(0)).isEmpty();
        long start = 1_000_000_000L;
        int turns = TurnLog.RECENT + 5;
        for (int n = 0; n < turns; n++) {
            // Turn n ends n ms after start and takes n µs.
            log.ran(start + n * 1_000_000L, n * 1_000L);
        }

        List<RecentTurn> recent = log.recent(start + turns * 1_000_000L);

        assertThat(recent).hasSize(TurnLog.RECENT);
        assertThat(recent.getFirst()).isEqualTo(new RecentTurn(turns, 1, turns - 1));
        assertThat(recent.getLast()).isEqualTo(new RecentTurn(turns - TurnLog.RECENT + 1, TurnLog.RECENT, turns - TurnLog.RECENT));
        // 0..9 µs under 10 µs, 10..20 µs under 100 µs.
        assertThat(log.decades()).containsExactly(10L, 11L, 0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void aReaderNeverSeesATurnHalfOverwritten() throws Exception {
        TurnLog log = new TurnLog();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get() && torn.get() == null) {
                for (RecentTurn t : log.recent(Long.MAX_VALUE / 2)) {
                    // Turn number k was written with length k - 1 µs: a mixed slot breaks that.
                    if (t.micros() != t.number() - 1) {
                        torn.set(t.toString());
                    }
                }
            }
        });
        for (long n = 0; n < 2_000_000 && torn.get() == null; n++) {
            log.ran(n, n * 1_000L);
        }
        stop.set(true);
        reader.join();

        assertThat(torn.get()).as("a turn whose end and length belong to different turns").isNull();
    }
}
