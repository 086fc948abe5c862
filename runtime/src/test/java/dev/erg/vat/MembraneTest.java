package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MembraneTest {

    private static final Problem CUT = Problem.of(Problem.REVOKED, "revoked: relationship ended");

    /** Hands out a counter and uses counters handed to it. */
    public interface Office {
        Promise<Counter> counter();

        Promise<Long> keep(Counter other, long by);

        Promise<Long> again(long by);
    }

    static final class Desk implements Office {
        final Tally tally = new Tally();
        Counter kept;

        @Override
        public Promise<Counter> counter() {
            return Promise.of(Vat.current().export(tally, Counter.class));
        }

        @Override
        public Promise<Long> keep(Counter other, long by) {
            kept = other;
            return other.increment(by);
        }

        @Override
        public Promise<Long> again(long by) {
            return kept.increment(by);
        }
    }

    private final Sim sim = new Sim(11);
    private final Vat bob = sim.vat("bob");
    private final Vat alice = sim.vat("alice");
    private final Desk desk = new Desk();
    private final Office direct = bob.export(desk, Office.class);
    private final Membrane membrane = Membrane.in(sim.runtime, "membrane");
    private final Office office = membrane.wrap(direct, Office.class);

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aReferenceObtainedThroughTheMembraneIsCutWithIt() {
        Counter counter = sim.settle(alice.callPromise(office::counter));
        assertThat(sim.settle(alice.callPromise(() -> counter.increment(4)))).isEqualTo(4L);
        assertThat(counter).isNotEqualTo(bob.export(desk.tally, Counter.class));

        membrane.revoke("relationship ended");
        Promise<Long> after = alice.callPromise(() -> counter.increment(1));
        Promise<Counter> another = alice.callPromise(office::counter);
        sim.scheduler.runUntilIdle();

        assertThat(after.problemOrNull()).isEqualTo(CUT);
        assertThat(another.problemOrNull()).isEqualTo(CUT);
        assertThat(desk.tally.count).isEqualTo(4L);
    }

    @Test
    void aReferenceHandedInThroughTheMembraneIsCutWithIt() {
        Tally alices = new Tally();
        Counter mine = alice.export(alices, Counter.class);
        assertThat(sim.settle(alice.callPromise(() -> office.keep(mine, 2)))).isEqualTo(2L);
        assertThat(sim.settle(alice.callPromise(() -> direct.again(3)))).isEqualTo(5L);

        membrane.revoke("relationship ended");
        Promise<Long> behind = alice.callPromise(() -> direct.again(1));
        sim.scheduler.runUntilIdle();

        assertThat(behind.problemOrNull()).isEqualTo(CUT);
        assertThat(alices.count).isEqualTo(5L);
        assertThat(membrane.isRevoked()).isTrue();
    }

    @Test
    void aReferenceOfUnknownTypeIsWrappedAsItsOneInterface() {
        Object untyped = direct;
        Office wrapped = (Office) membrane.wrap(untyped);
        Counter counter = sim.settle(alice.callPromise(wrapped::counter));
        assertThat(sim.settle(alice.callPromise(() -> counter.increment(2)))).isEqualTo(2L);
        membrane.revoke("relationship ended");
        Promise<Long> after = alice.callPromise(() -> counter.increment(1));
        sim.scheduler.runUntilIdle();
        assertThat(after.problemOrNull()).as("what was obtained through it is cut too").isEqualTo(CUT);
        assertThatThrownBy(() -> membrane.wrap(Promise.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a membrane wraps a reference as one remote interface");
    }
}
