package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PromiseTimeoutTest {

    private final Sim sim = new Sim(3);
    private final Vat alice = sim.vat("alice");

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void withinBreaksWithTimedOutOnceItsTimeHasPassedInVirtualTime() {
        Deferred<String> d = Promise.defer();
        Promise<String> limited = alice.callPromise(() -> d.promise().within(Duration.ofSeconds(5), alice.timer()));
        sim.scheduler.advance(Duration.ofMillis(4_999));
        assertThat(limited.isSettled()).as("settled before its time").isFalse();
        sim.scheduler.advance(Duration.ofMillis(1));
        assertThat(limited.problemOrNull()).isEqualTo(new Problem(Problem.TIMED_OUT, "not settled within 5 s"));
        assertThat(sim.scheduler.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTimeoutCancelsNothing() {
        Deferred<String> d = Promise.defer();
        Promise<String> limited = alice.callPromise(() -> d.promise().within(Duration.ofMillis(250), alice.timer()));
        sim.scheduler.runAll();
        d.resolver().resolve("late");
        sim.scheduler.runUntilIdle();
        assertThat(limited.problemOrNull()).isEqualTo(new Problem(Problem.TIMED_OUT, "not settled within 250 ms"));
        assertThat(d.promise().join(Duration.ZERO)).isEqualTo("late");
    }

    @Test
    void withinSettlesAsThePromiseDoesBeforeItsTime() {
        Deferred<String> fulfilled = Promise.defer();
        Deferred<String> broken = Promise.defer();
        Promise<String> first = alice.callPromise(() -> fulfilled.promise().within(Duration.ofSeconds(1), alice.timer()));
        Promise<String> second = alice.callPromise(() -> broken.promise().within(Duration.ofSeconds(1), alice.timer()));
        sim.scheduler.advance(Duration.ofMillis(999));
        fulfilled.resolver().resolve("on time");
        broken.resolver().reject(new Problem("Refused", "no"));
        sim.scheduler.runAll();
        assertThat(first.join(Duration.ZERO)).isEqualTo("on time");
        assertThat(second.problemOrNull()).isEqualTo(new Problem("Refused", "no"));
        assertThat(sim.scheduler.elapsed()).as("the timers still fired").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSettledPromiseBeatsAZeroTimeout() {
        Promise<Integer> limited = alice.callPromise(() -> Promise.of(1).within(Duration.ZERO, alice.timer()));
        sim.scheduler.runAll();
        assertThat(limited.join(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void withinUsesTheTimerItIsGivenNotTheClock() {
        Deferred<Void> tick = Promise.defer();
        Timer handCranked = new Timer() {
            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public Promise<Void> after(Duration delay) {
                return tick.promise();
            }
        };
        Promise<String> limited = alice.callPromise(
                () -> Promise.<String>defer().promise().within(Duration.ofDays(365), handCranked));
        sim.scheduler.runUntilIdle();
        assertThat(limited.isSettled()).isFalse();
        tick.resolver().resolve(null);
        sim.scheduler.runUntilIdle();
        assertThat(limited.problemOrNull()).isEqualTo(new Problem(Problem.TIMED_OUT, "not settled within 31536000 s"));
        assertThat(sim.scheduler.elapsed()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aBrokenTimerBreaksTheResultWithItsProblem() {
        Timer broken = new Timer() {
            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public Promise<Void> after(Duration delay) {
                return Promise.broken(new Problem(Problem.VAT_SHUT_DOWN, "timer gone"));
            }
        };
        Promise<String> limited = alice.callPromise(
                () -> Promise.<String>defer().promise().within(Duration.ofSeconds(1), broken));
        sim.scheduler.runUntilIdle();
        assertThat(limited.problemOrNull()).isEqualTo(new Problem(Problem.VAT_SHUT_DOWN, "timer gone"));
    }

    @Test
    void withinRefusesANegativeTimeoutAndCallsOutsideAVat() {
        Promise<String> negative = alice.callPromise(() -> Promise.of("x").within(Duration.ofMillis(-1), alice.timer()));
        sim.scheduler.runUntilIdle();
        assertThat(negative.problemOrNull().message())
                .isEqualTo("IllegalArgumentException: timeout: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> Promise.of("x").within(Duration.ofSeconds(1), alice.timer()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("within() must be called in a turn of a vat");
    }

    @Test
    void joinTimingOutThrowsJoinTimeoutExceptionNamingTheWait() {
        Promise<String> pending = Promise.<String>defer().promise();
        assertThatThrownBy(() -> pending.join(Duration.ZERO))
                .isInstanceOf(JoinTimeoutException.class)
                .isNotInstanceOf(IllegalStateException.class)
                .hasMessage("promise still pending after 0 s")
                .satisfies(e -> assertThat(((JoinTimeoutException) e).timeout()).isEqualTo(Duration.ZERO));
        assertThat(pending.isSettled()).isFalse();
    }

    @Test
    void joinInsideAVatIsMisuseNotATimeout() {
        Promise<String> outcome = alice.call(() -> Promise.<String>defer().promise().join(Duration.ZERO));
        sim.scheduler.runUntilIdle();
        assertThat(outcome.problemOrNull().message()).startsWith("IllegalStateException: join() blocks");
    }

    @Test
    void durationsReadAsSecondsOrMilliseconds() {
        assertThat(Durations.describe(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(Durations.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.describe(Duration.ofNanos(1_500_000))).isEqualTo("1.5 ms");
        assertThat(Durations.describe(Duration.ofMillis(2_500))).isEqualTo("2500 ms");
    }
}
