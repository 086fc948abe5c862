package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PromiseTest {

    private final Sim sim = new Sim(1);
    private final Vat alice = sim.vat("alice");

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void whenCallbacksRunInALaterTurnInRegistrationOrder() {
        Deferred<String> d = Promise.defer();
        List<String> seen = new ArrayList<>();
        alice.run(() -> {
            d.promise().when(v -> seen.add("first " + v), p -> seen.add("broken"));
            d.promise().when(v -> seen.add("second " + v), p -> seen.add("broken"));
            d.resolver().resolve("x");
            seen.add("end of turn");
        });
        sim.scheduler.runUntilIdle();
        assertThat(seen).containsExactly("end of turn", "first x", "second x");
    }

    @Test
    void callbacksOnASettledPromiseStillWaitForALaterTurn() {
        List<String> seen = new ArrayList<>();
        alice.run(() -> {
            Promise.of(1).when(v -> seen.add("callback"), p -> seen.add("broken"));
            seen.add("end of turn");
        });
        sim.scheduler.runUntilIdle();
        assertThat(seen).containsExactly("end of turn", "callback");
    }

    @Test
    void thenChainsAndThenComposeFollowsTheReturnedPromise() {
        Promise<Integer> result = alice.callPromise(() -> Promise.of(20)
                .then(v -> v + 1)
                .thenCompose(v -> Promise.of(v * 2)));
        assertThat(sim.settle(result)).isEqualTo(42);
    }

    @Test
    void anExceptionInThenBreaksTheResult() {
        Promise<Integer> result = alice.callPromise(() -> Promise.of(1).then(v -> {
            throw new IllegalArgumentException("no " + v);
        }));
        sim.scheduler.runUntilIdle();
        assertThat(result.problemOrNull())
                .isEqualTo(new Problem(Problem.EXCEPTION, "IllegalArgumentException: no 1"));
    }

    @Test
    void aBrokenPromiseSkipsThenAndIsRecoveredByOtherwise() {
        Promise<String> result = alice.callPromise(() -> Promise.<String>broken(new Problem("Gone", "away"))
                .then(s -> s + "!")
                .otherwise(p -> "recovered from " + p.kind()));
        assertThat(sim.settle(result)).isEqualTo("recovered from Gone");
    }

    @Test
    void forwardingFollowsTheOtherPromise() {
        Deferred<String> a = Promise.defer();
        Deferred<String> b = Promise.defer();
        a.resolver().forward(b.promise());
        assertThat(a.promise().isSettled()).isFalse();
        b.resolver().resolve("done");
        assertThat(a.promise().join(Duration.ZERO)).isEqualTo("done");
    }

    @Test
    void resolvingWithAPromiseForwardsToo() {
        Deferred<Object> a = Promise.defer();
        Deferred<Object> b = Promise.defer();
        a.resolver().resolve(b.promise());
        b.resolver().reject(new Problem("Nope", "x"));
        assertThat(a.promise().problemOrNull()).isEqualTo(new Problem("Nope", "x"));
    }

    @Test
    void longForwardingChainsSettleWithoutDeepStacks() {
        Deferred<String> head = Promise.defer();
        Promise<String> tail = head.promise();
        for (int i = 0; i < 200_000; i++) {
            Deferred<String> next = Promise.defer();
            next.resolver().forward(tail);
            tail = next.promise();
        }
        head.resolver().resolve("end");
        assertThat(tail.join(Duration.ZERO)).isEqualTo("end");
    }

    @Test
    void forwardingToItselfBreaksWithACycle() {
        Deferred<String> a = Promise.defer();
        Deferred<String> b = Promise.defer();
        b.resolver().forward(a.promise());
        a.resolver().forward(b.promise());
        assertThat(a.promise().problemOrNull().kind()).isEqualTo(Problem.CYCLE);
    }

    @Test
    void resolvingTwiceIsReportedByTheResolver() {
        Deferred<String> d = Promise.defer();
        d.resolver().resolve("one");
        assertThatThrownBy(() -> d.resolver().resolve("two"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already resolved");
        assertThatThrownBy(() -> d.resolver().reject(new Problem("X", "")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(d.promise().join(Duration.ZERO)).isEqualTo("one");
    }

    @Test
    void whenOutsideAVatIsRefused() {
        assertThatThrownBy(() -> Promise.of(1).when(v -> { }, p -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("turn of a vat");
    }

    @Test
    void joinReportsBrokenAndPendingPromises() {
        assertThatThrownBy(() -> Promise.broken(new Problem("Lost", "link")).join(Duration.ZERO))
                .isInstanceOf(ProblemException.class)
                .hasMessage("Lost: link");
        assertThatThrownBy(() -> Promise.defer().promise().join(Duration.ofMillis(5)))
                .isInstanceOf(JoinTimeoutException.class)
                .hasMessage("promise still pending after 5 ms");
    }

    @Test
    void joinInsideAVatIsRefused() {
        Promise<String> outcome = alice.call(() -> {
            Promise.of(1).join(Duration.ZERO);
            return "joined";
        });
        sim.scheduler.runUntilIdle();
        assertThat(outcome.problemOrNull().message()).contains("join() blocks");
    }

    @Test
    void joinWakesWhenAnotherThreadResolves() throws Exception {
        Deferred<String> d = Promise.defer();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            d.resolver().resolve("late");
        });
        assertThat(d.promise().join(Duration.ofSeconds(10))).isEqualTo("late");
        t.join();
    }
}
