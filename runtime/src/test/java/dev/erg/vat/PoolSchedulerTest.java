package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A vat woken by a turn runs on the waking thread after its batch, unless it would wait too long. */
class PoolSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private VatRuntime runtime;

    @AfterEach
    void close() {
        runtime.close();
    }

    /** A runtime of two threads, which hold a vat they woke for {@code hold}. */
    private void start(Duration hold) {
        runtime = new VatRuntime(new PoolScheduler(2, 256, hold.toNanos()), null, null);
    }

    private static String thread() {
        return Thread.currentThread().getName();
    }

    @Test
    void aVatWokenByATurnRunsAfterItsBatchOnTheSameThread() {
        start(Duration.ofMinutes(1));
        Vat waker = runtime.newVat("waker");
        Vat woken = runtime.newVat("woken");
        waker.call(() -> {
            woken.run(() -> seen.add("woken on " + thread()));
            // Long enough for the other thread, idle, to have taken the woken vat if it had been offered.
            sleep(Duration.ofMillis(20));
            seen.add("waker on " + thread());
            return null;
        }).join(WAIT);
        woken.call(() -> null).join(WAIT);
        String wakerThread = seen.getFirst().substring("waker on ".length());
        assertThat(seen).containsExactly("waker on " + wakerThread, "woken on " + wakerThread);
    }

    @Test
    void aVatHeldTooLongIsGivenToAnotherThread() throws InterruptedException {
        start(Duration.ofMillis(1));
        Vat waker = runtime.newVat("waker");
        Vat woken = runtime.newVat("woken");
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch wokenRan = new CountDownLatch(1);
        waker.run(() -> {
            await(queued);
            seen.add("waker on " + thread());
            woken.run(() -> {
                seen.add("woken on " + thread());
                wokenRan.countDown();
            });
        });
        // The waker's batch goes on, a millisecond a turn, until the woken vat has run elsewhere.
        for (int i = 0; i < 200; i++) {
            waker.run(() -> {
                if (wokenRan.getCount() > 0) {
                    sleep(Duration.ofMillis(1));
                }
            });
        }
        queued.countDown();
        assertThat(wokenRan.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        waker.call(() -> null).join(WAIT);
        assertThat(seen).hasSize(2);
        String wakerThread = seen.getFirst().substring("waker on ".length());
        assertThat(seen.get(1)).startsWith("woken on erg-vat-").isNotEqualTo("woken on " + wakerThread);
    }

    @Test
    void aVatWokenByATurnThatWaitsForItIsTakenByAnotherThread() {
        start(Duration.ofMillis(1));
        Vat waker = runtime.newVat("waker");
        Vat woken = runtime.newVat("woken");
        CountDownLatch wokenRan = new CountDownLatch(1);
        // A turn must not block; one that does waits only until a sweep gives the vat it woke to the idle thread.
        boolean ran = waker.call(() -> {
            woken.run(wokenRan::countDown);
            return await(wokenRan);
        }).join(WAIT.plusSeconds(5));
        assertThat(ran).isTrue();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
