package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.TurnGuard;
import dev.erg.vat.spi.Vats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Turns of idle vats run on the thread that received their messages, one turn at a time, bounded. */
class HereTurnsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime runtime = VatRuntime.builder().threads(2).build();
    private final Vat vat = runtime.newVat("target");
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    private static String thread() {
        return Thread.currentThread().getName();
    }

    /** Runs {@code receive} as a network layer's I/O thread would, on a thread named "io". */
    private static void onIoThread(Runnable receive) throws InterruptedException {
        Thread io = new Thread(() -> Refs.receive(receive), "io");
        io.start();
        io.join(WAIT.toMillis());
        assertThat(io.isAlive()).isFalse();
    }

    @Test
    void anIdleVatsTurnsRunOnTheReceivingThreadInOrderAfterReceiveReturns() throws InterruptedException {
        onIoThread(() -> {
            for (int i = 0; i < 5; i++) {
                int n = i;
                vat.run(() -> seen.add(n + " on " + thread()));
            }
            seen.add("received");
        });
        // All five on "io" unless a preempted thread overran the budget: then the rest, in order, on the vat's.
        Promise<Void> drained = vat.call(() -> null);
        drained.join(WAIT);
        assertThat(seen.getFirst()).isEqualTo("received");
        assertRanInOrderFirstHere(seen.subList(1, seen.size()), 5, 5);
    }

    /** {@code turns} are "N on THREAD" for N from 0: in order, a first run of at most {@code most} on "io", then on vat threads. */
    private static void assertRanInOrderFirstHere(List<String> turns, int count, int most) {
        assertThat(turns).hasSize(count);
        int here = 0;
        while (here < count && turns.get(here).endsWith(" on io")) {
            here++;
        }
        assertThat(here).isBetween(1, most);
        for (int i = 0; i < count; i++) {
            assertThat(turns.get(i)).startsWith(i + " on " + (i < here ? "io" : "erg-vat-"));
        }
    }

    @Test
    void saysWhetherATurnRanHere() {
        assertThat(Refs.receive(() -> seen.add("nothing queued"))).isFalse();
        assertThat(Refs.receive(() -> vat.run(() -> seen.add("ran")))).isTrue();
        assertThat(seen).containsExactly("nothing queued", "ran");
    }

    @Test
    void theVatsClaimedRunEvenIfReceivingThrew() {
        assertThatThrownBy(() -> Refs.receive(() -> {
            vat.run(() -> seen.add("ran on " + thread()));
            throw new IllegalStateException("bad message");
        })).hasMessage("bad message");
        assertThat(seen).containsExactly("ran on " + thread());
        assertThat(vat.call(() -> "still runs").join(WAIT)).isEqualTo("still runs");
    }

    @Test
    void aBusyVatKeepsItsTurnsOnItsOwnThread() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        vat.run(() -> {
            running.countDown();
            awaitQuietly(release);
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Promise<String> where = new Promise<>();
        onIoThread(() -> vat.run(() -> where.resolveInternal(thread(), null)));
        release.countDown();
        assertThat(where.join(WAIT)).startsWith("erg-vat-");
    }

    @Test
    void turnsQueuedByATurnRunHereGoToTheirVatsThreads() throws InterruptedException {
        Vat other = runtime.newVat("other");
        Promise<String> where = new Promise<>();
        onIoThread(() -> vat.run(() -> other.run(() -> where.resolveInternal(thread(), null))));
        assertThat(where.join(WAIT)).startsWith("erg-vat-");
    }

    @Test
    void aGuardedVatIsNeverRunHere() throws InterruptedException {
        Vat guarded = runtime.newVat("guarded");
        Vats.guard(guarded, new TurnGuard() {
            @Override
            public void beforeTurn() {
            }

            @Override
            public String afterTurn(Throwable thrown) {
                return null;
            }
        });
        Promise<String> where = new Promise<>();
        onIoThread(() -> guarded.run(() -> where.resolveInternal(thread(), null)));
        assertThat(where.join(WAIT)).startsWith("erg-vat-");
    }

    @Test
    void aDeterministicSchedulerKeepsEveryTurn() throws InterruptedException {
        DeterministicScheduler sim = new DeterministicScheduler(7);
        try (VatRuntime simulated = VatRuntime.builder().scheduler(sim).build()) {
            Vat alice = simulated.newVat("alice");
            onIoThread(() -> alice.run(() -> seen.add("ran on " + thread())));
            assertThat(seen).isEmpty();
            sim.runUntilIdle();
            assertThat(seen).containsExactly("ran on " + thread());
        }
    }

    @Test
    void aTurnPastTheBudgetSendsTheRestAndTheNextMessagesToTheVatsThread() throws InterruptedException {
        long slow = TimeUnit.NANOSECONDS.toMillis(HereTurns.BUDGET_NANOS) + 2;
        onIoThread(() -> {
            vat.run(() -> {
                sleepQuietly(slow);
                seen.add("slow on " + thread());
            });
            vat.run(() -> seen.add("next on " + thread()));
        });
        Promise<String> later = new Promise<>();
        onIoThread(() -> vat.run(() -> later.resolveInternal(thread(), null)));
        assertThat(later.join(WAIT)).startsWith("erg-vat-");
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo("slow on io");
        assertThat(seen.get(1)).startsWith("next on erg-vat-");
    }

    @Test
    void atMostABatchRunsHereTheRestOnTheVatsThread() throws InterruptedException {
        int queued = HereTurns.MAX_TURNS + 3;
        CountDownLatch done = new CountDownLatch(queued);
        onIoThread(() -> {
            for (int i = 0; i < queued; i++) {
                int n = i;
                vat.run(() -> {
                    seen.add(n + " on " + thread());
                    done.countDown();
                });
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertRanInOrderFirstHere(seen, queued, HereTurns.MAX_TURNS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
