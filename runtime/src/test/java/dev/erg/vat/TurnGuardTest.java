package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.spi.TurnGuard;
import dev.erg.vat.spi.Vats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnGuardTest {

    /** Records each turn and what it threw; stops the vat when a turn threw {@code fatal}. */
    private static class Recorder implements TurnGuard {
        final List<String> events = new ArrayList<>();

        @Override
        public void beforeTurn() {
            events.add("before");
        }

        @Override
        public String afterTurn(Throwable thrown) {
            events.add(thrown == null ? "after" : "after " + thrown.getClass().getSimpleName());
            return thrown instanceof StackOverflowError ? "recursion too deep" : null;
        }
    }

    @Test
    void aGuardRunsAroundEveryTurnAndSeesWhatItThrew() {
        try (Sim sim = new Sim(1)) {
            Vat bob = sim.vat("bob");
            Recorder recorder = new Recorder();
            Vats.guard(bob, recorder);
            bob.run(() -> { });
            bob.run(() -> {
                throw new IllegalStateException("no");
            });
            sim.scheduler.runUntilIdle();
            assertThat(recorder.events).containsExactly("before", "after", "before", "after IllegalStateException");
            assertThat(bob.isShutDown()).isFalse();
        }
    }

    @Test
    void aGuardThatSaysStopTerminatesTheVatAndBreaksEveryReferenceWithItsReason() {
        try (Sim sim = new Sim(2)) {
            Vat bob = sim.vat("bob");
            Vat carol = sim.vat("carol");
            Vats.guard(bob, new Recorder());
            Counter counter = bob.export(new Tally(), Counter.class);
            Counter neighbour = carol.export(new Tally(), Counter.class);
            Promise<Object> overflow = bob.call(TurnGuardTest::recurse);
            Promise<Long> queued = counter.increment(1);
            sim.scheduler.runUntilIdle();
            Problem expected = new Problem(Problem.VAT_SHUT_DOWN, "vat bob terminated: recursion too deep");
            assertThat(overflow.problemOrNull().message()).contains("StackOverflowError");
            assertThat(queued.problemOrNull()).isEqualTo(expected);
            assertThat(counter.increment(2).problemOrNull()).isEqualTo(expected);
            assertThat(Ref.problem(counter)).isEqualTo(expected);
            assertThat(Ref.kind(counter)).isEqualTo(RefKind.BROKEN);
            assertThat(sim.settle(neighbour.increment(3))).isEqualTo(3L);
        }
    }

    @Test
    void terminateTellsShutdownListenersWhyAndIsIdempotent() {
        try (Sim sim = new Sim(3)) {
            Vat bob = sim.vat("bob");
            List<Problem> told = new ArrayList<>();
            bob.whenShutDown(told::add);
            Vats.terminate(bob, "used too much");
            Vats.terminate(bob, "again");
            bob.shutdown();
            assertThat(told).containsExactly(new Problem(Problem.VAT_SHUT_DOWN, "vat bob terminated: used too much"));
            assertThat(bob.isShutDown()).isTrue();
        }
    }

    @Test
    void aGuardAdmitsOrRefusesEachMessageQueuedForItsVatAndSeesItLeaveTheQueue() {
        try (Sim sim = new Sim(4)) {
            Vat bob = sim.vat("bob");
            List<String> seen = new ArrayList<>();
            Problem full = new Problem("QuotaExceeded", "bob's queue is full");
            Vats.guard(bob, new Recorder() {
                int admitted;

                @Override
                public Problem admit() {
                    seen.add("admit");
                    return admitted++ < 1 ? null : full;
                }

                @Override
                public void delivering() {
                    seen.add("delivering");
                }
            });
            Counter counter = bob.export(new Tally(), Counter.class);
            Promise<Long> first = counter.increment(1);
            Promise<Long> second = counter.increment(2);
            assertThat(second.problemOrNull()).isEqualTo(full);
            assertThat(sim.settle(first)).isEqualTo(1L);
            assertThat(seen).containsExactly("admit", "admit", "delivering");
        }
    }

    @Test
    void aGuardSeesEachSendItsVatMakesAndMayStopIt() {
        try (Sim sim = new Sim(5)) {
            Vat bob = sim.vat("bob");
            Vat carol = sim.vat("carol");
            Counter neighbour = carol.export(new Tally(), Counter.class);
            List<String> seen = new ArrayList<>();
            Vats.guard(bob, new Recorder() {
                @Override
                public void sending() {
                    seen.add("sending");
                    if (seen.size() > 2) {
                        throw new IllegalStateException("too many sends");
                    }
                }
            });
            Promise<Object> sends = bob.call(() -> {
                neighbour.increment(1);
                Ref.send(neighbour, "increment", 2L);
                return neighbour.increment(3);
            });
            sim.scheduler.runUntilIdle();
            assertThat(seen).containsExactly("sending", "sending", "sending");
            assertThat(sends.problemOrNull().message()).contains("too many sends");
        }
    }

    private static Object recurse() {
        return recurse();
    }
}
