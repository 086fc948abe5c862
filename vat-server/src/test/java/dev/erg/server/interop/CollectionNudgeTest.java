package dev.erg.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo's collections: one soon after a call, calls while one is pending folded into it, at most one a second. */
class CollectionNudgeTest {

    private long now = 5_000_000_000L;
    private int collections;
    private final List<Long> waits = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();
    private final CollectionNudge nudge = new CollectionNudge(() -> collections++, () -> now, (nanos, task) -> {
        waits.add(nanos);
        due.add(task);
    });

    @Test
    void aCallIsFollowedByOneCollectionAfterTheDelayAndCallsMeanwhileJoinIt() {
        nudge.called();
        nudge.called();
        nudge.called();
        assertThat(waits).containsExactly(CollectionNudge.DELAY.toNanos());
        runDue(CollectionNudge.DELAY.toNanos());
        assertThat(collections).isEqualTo(1);
    }

    @Test
    void collectionsAreAtLeastTheIntervalApart() {
        nudge.called();
        runDue(CollectionNudge.DELAY.toNanos());
        now += 200_000_000L;
        nudge.called();
        assertThat(waits.getLast()).isEqualTo(CollectionNudge.MIN_INTERVAL.toNanos() - 200_000_000L);
        runDue(waits.getLast());
        now += 5_000_000_000L;
        nudge.called();
        assertThat(waits.getLast()).as("long after the last").isEqualTo(CollectionNudge.DELAY.toNanos());
        runDue(waits.getLast());
        assertThat(collections).isEqualTo(3);
    }

    @Test
    void aCallWhileTheCollectorRunsAsksForTheNextOne() {
        CollectionNudge[] self = new CollectionNudge[1];
        self[0] = new CollectionNudge(() -> {
            collections++;
            if (collections == 1) {
                self[0].called();
            }
        }, () -> now, (nanos, task) -> due.add(task));
        self[0].called();
        runDue(0);
        assertThat(collections).isEqualTo(1);
        assertThat(due).as("the call during the collection scheduled another").hasSize(1);
        runDue(0);
        assertThat(collections).isEqualTo(2);
    }

    private void runDue(long elapsed) {
        now += elapsed;
        List<Runnable> tasks = new ArrayList<>(due);
        due.clear();
        tasks.forEach(Runnable::run);
    }
}
