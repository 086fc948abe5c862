package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipeliningTest {

    private final Sim sim = new Sim(3);
    private final Vat alice = sim.vat("alice");
    private final Vat bob = sim.vat("bob");

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void messagesToAnUnresolvedPromiseAreDeliveredInOrderAfterResolution() {
        Deferred<Counter> d = Promise.defer();
        Counter later = d.promise().as(Counter.class);
        List<Promise<Long>> answers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            answers.add(later.increment(i));
        }
        later.reset();
        answers.add(later.increment(100));
        sim.scheduler.runUntilIdle();
        assertThat(answers).noneMatch(Promise::isSettled);

        Tally tally = new Tally();
        d.resolver().resolve(bob.export(tally, Counter.class));
        sim.scheduler.runUntilIdle();
        assertThat(answers.stream().map(a -> a.join(java.time.Duration.ZERO)).toList())
                .containsExactly(1L, 3L, 6L, 10L, 15L, 100L);
    }

    @Test
    void aBrokenPromiseBreaksEveryQueuedMessageWithTheSameProblem() {
        Deferred<Counter> d = Promise.defer();
        Counter later = d.promise().as(Counter.class);
        Promise<Long> first = later.increment(1);
        Promise<Long> second = later.value();
        Problem gone = new Problem(Problem.UNAVAILABLE, "bob's machine is gone");
        d.resolver().reject(gone);
        assertThat(first.problemOrNull()).isEqualTo(gone);
        assertThat(second.problemOrNull()).isEqualTo(gone);
        assertThat(later.value().problemOrNull()).isEqualTo(gone);
        assertThat(Ref.kind(later)).isEqualTo(RefKind.BROKEN);
        assertThat(Ref.problem(later)).isEqualTo(gone);
    }

    @Test
    void aChainOfDependentCallsIsSentBeforeAnyAnswerReturns() {
        List<String> opened = new ArrayList<>();
        Bank bank = bob.export(owner -> {
            opened.add(owner);
            return Promise.of(new Tally());
        }, Bank.class);
        Promise<Long> balance = alice.callPromise(() -> {
            Counter account = bank.open("carol").as(Counter.class);
            account.increment(40);
            account.increment(2);
            return account.value();
        });
        assertThat(sim.settle(balance)).isEqualTo(42);
        assertThat(opened).containsExactly("carol");
    }

    @Test
    void sendsAfterResolutionFollowThoseQueuedBefore() {
        Deferred<Counter> d = Promise.defer();
        Counter later = d.promise().as(Counter.class);
        Tally tally = new Tally();
        Counter direct = bob.export(tally, Counter.class);
        Promise<Long> before = later.increment(1);
        d.resolver().resolve(direct);
        Promise<Long> after = later.increment(10);
        sim.scheduler.runUntilIdle();
        assertThat(before.join(java.time.Duration.ZERO)).isEqualTo(1);
        assertThat(after.join(java.time.Duration.ZERO)).isEqualTo(11);
    }

    @Test
    void sendingToAPromiseForDataBreaksTheAnswer() {
        Deferred<Object> d = Promise.defer();
        Counter notACounter = d.promise().as(Counter.class);
        Promise<Long> answer = notACounter.value();
        d.resolver().resolve("just a string");
        assertThat(answer.problemOrNull().kind()).isEqualTo(Problem.NOT_CALLABLE);
        assertThat(answer.problemOrNull().message()).contains("no method value", "text");
    }

    @Test
    void aPromiseForwardedToAnotherDeliversItsQueueWhenTheOtherResolves() {
        Deferred<Counter> outer = Promise.defer();
        Deferred<Counter> inner = Promise.defer();
        Counter viaOuter = outer.promise().as(Counter.class);
        Promise<Long> first = viaOuter.increment(2);
        outer.resolver().forward(inner.promise());
        Promise<Long> second = viaOuter.increment(3);
        inner.resolver().resolve(bob.export(new Tally(), Counter.class));
        sim.scheduler.runUntilIdle();
        assertThat(first.join(java.time.Duration.ZERO)).isEqualTo(2);
        assertThat(second.join(java.time.Duration.ZERO)).isEqualTo(5);
    }

    @Test
    void aPipelinedProxyReportsItsKind() {
        Deferred<Counter> d = Promise.defer();
        Counter later = d.promise().as(Counter.class);
        assertThat(Ref.kind(later)).isEqualTo(RefKind.PROMISE);
        d.resolver().resolve(bob.export(new Tally(), Counter.class));
        assertThat(Ref.kind(later)).isEqualTo(RefKind.EVENTUAL);
        assertThat(Ref.problem(later)).isNull();
    }
}
