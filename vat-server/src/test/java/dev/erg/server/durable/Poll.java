package dev.erg.server.durable;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asks again and again until an answer will do or time is up, for tests that wait on other threads. */
final class Poll {

    private Poll() {
    }

    /**
     * The first answer of {@code probe} that {@code done} accepts, or the last one asked when
     * {@code limit} has passed: assert on it, so that a failure shows how far things got.
     */
    static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T answer = probe.get();
            if (done.test(answer) || System.nanoTime() - deadline > 0) {
                return answer;
            }
            Thread.sleep(20);
        }
    }
}
