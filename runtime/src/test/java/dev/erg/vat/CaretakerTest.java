package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaretakerTest {

    private static final Problem CUT = Problem.of(Problem.REVOKED, "revoked: partner left");

    private final Sim sim = new Sim(7);
    private final Vat bob = sim.vat("bob");
    private final Vat alice = sim.vat("alice");
    private final Tally tally = new Tally();
    private final Caretaker<Counter> caretaker =
            Caretaker.of(sim.runtime, "caretaker", bob.export(tally, Counter.class), Counter.class);

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aCaretakerPassesMessagesOnUntilRevoked() {
        Counter counter = caretaker.reference();
        assertThat(sim.settle(alice.callPromise(() -> counter.increment(2)))).isEqualTo(2L);
        counter.reset();
        assertThat(sim.settle(alice.callPromise(counter::value))).isZero();
        assertThat(tally.lastVat).isSameAs(bob);
    }

    @Test
    void revokingBreaksQueuedAndLaterMessagesWithRevoked() {
        Counter counter = caretaker.reference();
        Promise<Long> queued = alice.callPromise(() -> counter.increment(1));
        caretaker.revoke("partner left");
        sim.scheduler.runUntilIdle();
        Promise<Long> later = alice.callPromise(() -> counter.increment(1));
        sim.scheduler.runUntilIdle();

        assertThat(caretaker.isRevoked()).isTrue();
        assertThat(queued.problemOrNull()).isEqualTo(CUT);
        assertThat(later.problemOrNull()).isEqualTo(CUT);
        assertThat(tally.count).isZero();
        assertThat(sim.settle(alice.callPromise(() -> bob.export(tally, Counter.class).increment(5)))).isEqualTo(5L);
    }

    @Test
    void aHolderMonitoringTheReferenceIsToldOfTheRevocation() {
        Counter counter = caretaker.reference();
        List<Problem> told = new ArrayList<>();
        alice.run(() -> Ref.monitor(counter, told::add));
        sim.scheduler.runUntilIdle();
        caretaker.revoke("partner left");
        sim.scheduler.runUntilIdle();

        assertThat(told).containsExactly(CUT);
        assertThat(Ref.problem(counter)).isEqualTo(CUT);
        assertThat(Ref.kind(counter)).isEqualTo(RefKind.BROKEN);
    }

    @Test
    void onlyTheFirstReasonCounts() {
        caretaker.revoke("partner left");
        caretaker.revoke("again");
        assertThat(Ref.problem(caretaker.reference())).isEqualTo(CUT);
    }

    @Test
    void theTargetMustBeAnEventualReference() {
        assertThatThrownBy(() -> Caretaker.of(sim.runtime, "c", new Tally(), Counter.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an eventual reference");
    }
}
