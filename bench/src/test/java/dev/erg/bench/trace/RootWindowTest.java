package dev.erg.bench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RootWindowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void aFullWindowStartsTheNextRootOnlyOnceHalfOfItHasDrained() throws Exception {
        RootWindow window = new RootWindow(4, PATIENCE);
        for (int i = 0; i < 4; i++) {
            window.start(() -> { });
        }
        CountDownLatch fifthRan = new CountDownLatch(1);
        Thread starter = Thread.ofPlatform().start(() -> window.start(fifthRan::countDown));
        awaitParked(starter);

        window.finish();
        assertThat(fifthRan.await(100, TimeUnit.MILLISECONDS)).as("started with 3 of 4 outstanding").isFalse();
        window.finish();
        assertThat(fifthRan.await(10, TimeUnit.SECONDS)).as("started once 2 of 4 were outstanding").isTrue();
        starter.join();
        assertThat(window.outstanding()).isEqualTo(3);
    }

    /** Waits until {@code thread} waits for the window, so that what follows happens while it does. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime() - deadline).as("the starter parks").isNegative();
            Thread.sleep(1);
        }
    }

    @Test
    void rootsFinishedOnAnotherThreadNeverExceedTheWindowAndAllDrain() throws Exception {
        int size = 8;
        RootWindow window = new RootWindow(size, PATIENCE);
        BlockingQueue<Integer> started = new ArrayBlockingQueue<>(size);
        AtomicInteger most = new AtomicInteger();
        Thread finisher = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 1_000; i++) {
                    started.take();
                    window.finish();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            window.start(() -> {
                most.accumulateAndGet(window.outstanding(), Math::max);
                started.add(n);
            });
        }
        assertThat(window.drain()).isTrue();
        finisher.join();
        assertThat(window.outstanding()).isZero();
        assertThat(most.get()).isBetween(1, size);
    }

    @Test
    void drainGivesUpWhenARootNeverFinishes() {
        RootWindow window = new RootWindow(2, Duration.ofMillis(50));
        window.start(() -> { });
        assertThat(window.drain()).isFalse();
        assertThat(window.outstanding()).isEqualTo(1);
    }

    @Test
    void aRootThatThrowsHoldsNoPlace() {
        RootWindow window = new RootWindow(1, PATIENCE);
        List<String> ran = new ArrayList<>();
        assertThatThrownBy(() -> window.start(() -> {
            throw new IllegalStateException("shut down");
        })).hasMessage("shut down");
        window.start(() -> ran.add("next"));
        assertThat(ran).containsExactly("next");
        assertThat(window.outstanding()).isEqualTo(1);
    }

    @Test
    void aWindowHoldsAtLeastOneRoot() {
        assertThatThrownBy(() -> new RootWindow(0, PATIENCE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window: 0");
    }
}
