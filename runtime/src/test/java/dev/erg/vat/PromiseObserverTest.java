package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.spi.Refs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The network layer's promise observers: run on the thread that settles, without a turn. */
class PromiseObserverTest {

    private final Sim sim = new Sim(3);
    private final Vat alice = sim.vat("alice");
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void close() {
        sim.close();
    }

    private void observe(Promise<?> promise) {
        Refs.observe(promise,
                value -> seen.add("fulfilled " + value + " on " + Thread.currentThread().getName()),
                why -> seen.add("broken " + why.kind() + " on " + Thread.currentThread().getName()));
    }

    @Test
    void runsOnTheSettlingThreadBeforeResolveReturns() throws InterruptedException {
        Deferred<String> d = Promise.defer();
        observe(d.promise());
        assertThat(seen).isEmpty();
        Thread settler = new Thread(() -> d.resolver().resolve("x"), "settler");
        settler.start();
        settler.join();
        assertThat(seen).containsExactly("fulfilled x on settler");
    }

    @Test
    void aSettledPromiseIsObservedAtOnceOnTheCallingThread() {
        String me = Thread.currentThread().getName();
        observe(Promise.of(7));
        observe(Promise.broken(Problem.of(Problem.NOT_CALLABLE, "no")));
        assertThat(seen).containsExactly("fulfilled 7 on " + me, "broken " + Problem.NOT_CALLABLE + " on " + me);
    }

    @Test
    void runsInTheTurnThatSettlesTheAnswerNotInALaterOne() {
        Counter counter = alice.export(new Counter() {
            private long n;

            @Override
            public Promise<Long> increment(long by) {
                n += by;
                return Promise.of(n);
            }

            @Override
            public Promise<Long> value() {
                return Promise.of(n);
            }

            @Override
            public void reset() {
                n = 0;
            }
        }, Counter.class);
        Promise<Object> answer = Refs.send(counter, "increment", 5L);
        observe(answer);
        sim.scheduler.step();
        assertThat(seen).as("after the one turn that ran the method").hasSize(1);
        assertThat(seen.getFirst()).startsWith("fulfilled 5 on ");
    }

    @Test
    void aForwardedPromiseIsObservedWhenWhatItFollowsSettles() {
        Deferred<Object> first = Promise.defer();
        Deferred<Object> second = Promise.defer();
        observe(first.promise());
        first.resolver().forward(second.promise());
        assertThat(seen).isEmpty();
        second.resolver().reject(Problem.of(Problem.TIMED_OUT, "late"));
        assertThat(seen).containsExactly("broken " + Problem.TIMED_OUT + " on " + Thread.currentThread().getName());
    }

    @Test
    void anObjectOfAVatArrivesAsAnEventualReference() {
        Counter counter = alice.export(new Counter() {
            @Override
            public Promise<Long> increment(long by) {
                return Promise.of(by);
            }

            @Override
            public Promise<Long> value() {
                return Promise.of(0L);
            }

            @Override
            public void reset() {
            }
        }, Counter.class);
        List<Object> values = new ArrayList<>();
        Deferred<Object> d = Promise.defer();
        Refs.observe(d.promise(), values::add, why -> values.add(why));
        d.resolver().resolve(counter);
        assertThat(values).hasSize(1);
        assertThat(Ref.kind(values.getFirst())).isEqualTo(RefKind.EVENTUAL);
    }

    @Test
    void aFailingObserverNeitherStopsTheOthersNorTheFollowers() {
        Deferred<String> d = Promise.defer();
        Refs.observe(d.promise(), value -> {
            throw new IllegalStateException("observer bug");
        }, why -> { });
        observe(d.promise());
        Deferred<Object> follower = Promise.defer();
        follower.resolver().forward(d.promise());
        observe(follower.promise());
        d.resolver().resolve("y");
        String me = Thread.currentThread().getName();
        assertThat(seen).containsExactly("fulfilled y on " + me, "fulfilled y on " + me);
    }
}
