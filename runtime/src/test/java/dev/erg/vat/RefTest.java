package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefTest {

    private final Sim sim = new Sim(2);
    private final Vat alice = sim.vat("alice");
    private final Vat bob = sim.vat("bob");

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void plainObjectsAndDataAreNear() {
        assertThat(Ref.kind(new Tally())).isEqualTo(RefKind.NEAR);
        assertThat(Ref.kind("text")).isEqualTo(RefKind.NEAR);
        assertThat(Ref.kind(Promise.of(3))).isEqualTo(RefKind.NEAR);
        assertThat(Ref.problem("text")).isNull();
    }

    @Test
    void aPromiseForAnObjectIsNearOnlyInThatObjectsVat() {
        Promise<Counter> made = bob.call(Tally::new);
        sim.scheduler.runUntilIdle();
        Promise<RefKind> inBob = bob.call(() -> Ref.kind(made));
        Promise<RefKind> inAlice = alice.call(() -> Ref.kind(made));
        assertThat(sim.settle(inBob)).isEqualTo(RefKind.NEAR);
        assertThat(sim.settle(inAlice)).isEqualTo(RefKind.EVENTUAL);
    }

    @Test
    void pendingAndBrokenPromisesAreReported() {
        Deferred<Counter> d = Promise.defer();
        assertThat(Ref.kind(d.promise())).isEqualTo(RefKind.PROMISE);
        d.resolver().reject(new Problem("Gone", ""));
        assertThat(Ref.kind(d.promise())).isEqualTo(RefKind.BROKEN);
        assertThat(Ref.problem(d.promise())).isEqualTo(new Problem("Gone", ""));
    }

    @Test
    void eventualReferencesAreEqualWhenTheyDesignateTheSameObject() {
        Tally tally = new Tally();
        Counter one = bob.export(tally, Counter.class);
        Counter two = bob.export(tally, Counter.class);
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(bob.export(new Tally(), Counter.class));
        assertThat(one.toString()).isEqualTo("Far[Counter in vat bob]");
    }

    @Test
    void aCancelledMonitorIsNotToldAndHoldsNothingInTheVatItWatched() throws InterruptedException {
        Counter counter = bob.export(new Tally(), Counter.class);
        List<Problem> told = new ArrayList<>();
        List<WeakReference<?>> gone = new ArrayList<>();
        alice.run(() -> {
            Consumer<Problem> forgotten = told::add;
            gone.add(new WeakReference<>(forgotten));
            for (Object watched : List.of(counter, Promise.of(counter))) {
                Watch watch = Ref.monitorUntilCancelled(watched, forgotten);
                gone.add(new WeakReference<>(watch));
                watch.cancel();
            }
            Ref.monitor(counter, told::add);
        });
        sim.scheduler.runUntilIdle();
        for (int i = 0; i < 50 && gone.stream().anyMatch(w -> w.get() != null); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(gone).as("the cancelled watches and their callback, once held by bob").allMatch(w -> w.get() == null);
        bob.shutdown();
        sim.scheduler.runUntilIdle();
        assertThat(told).as("only the monitor not cancelled is told").singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.VAT_SHUT_DOWN));
    }
}
