package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.spi.Vats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventualSendTest {

    private final Sim sim = new Sim(7);
    private final Vat alice = sim.vat("alice");
    private final Vat bob = sim.vat("bob");

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aSendReturnsAtOnceAndRunsInALaterTurnOfTheTargetsVat() {
        Tally tally = new Tally();
        Counter counter = bob.export(tally, Counter.class);
        List<String> seen = new ArrayList<>();
        alice.run(() -> {
            counter.increment(5).when(n -> seen.add("answer " + n), p -> seen.add("broken " + p));
            seen.add("sent, count " + tally.count);
        });
        sim.scheduler.runUntilIdle();
        assertThat(seen).containsExactly("sent, count 0", "answer 5");
        assertThat(tally.lastVat).isSameAs(bob);
    }

    @Test
    void sendOnlyMessagesAreDelivered() {
        Tally tally = new Tally();
        tally.count = 9;
        Counter counter = bob.export(tally, Counter.class);
        alice.run(counter::reset);
        sim.scheduler.runUntilIdle();
        assertThat(tally.count).isZero();
    }

    @Test
    void aSendToAnObjectInTheSameVatIsStillEventual() {
        Tally tally = new Tally();
        Counter counter = bob.export(tally, Counter.class);
        List<Long> countsDuringTurn = new ArrayList<>();
        bob.run(() -> {
            counter.increment(1);
            countsDuringTurn.add(tally.count);
        });
        sim.scheduler.runUntilIdle();
        assertThat(countsDuringTurn).containsExactly(0L);
        assertThat(tally.count).isEqualTo(1);
    }

    @Test
    void turnsOfOneVatNeverNest() {
        List<String> log = new ArrayList<>();
        Recorder recorder = new Recorder(log);
        Listener self = bob.export(recorder, Listener.class);
        bob.run(() -> {
            log.add("begin");
            self.hear("inner");
            log.add("end");
        });
        sim.scheduler.runUntilIdle();
        assertThat(log).containsExactly("begin", "end", "inner");
    }

    @Test
    void anExceptionBreaksTheAnswerAndTheVatGoesOn() {
        Counter failing = bob.export(new Tally() {
            @Override
            public Promise<Long> increment(long by) {
                throw new IllegalStateException("jammed");
            }
        }, Counter.class);
        Promise<Long> broken = failing.increment(1);
        Promise<Long> after = failing.value();
        sim.scheduler.runUntilIdle();
        assertThat(broken.problemOrNull()).isEqualTo(new Problem(Problem.EXCEPTION, "IllegalStateException: jammed"));
        assertThat(sim.settle(after)).isZero();
    }

    @Test
    void aProblemExceptionChoosesTheKind() {
        Counter refusing = bob.export(new Tally() {
            @Override
            public Promise<Long> increment(long by) {
                throw new ProblemException("InsufficientFunds", "balance 3, asked " + by);
            }
        }, Counter.class);
        Promise<Long> answer = refusing.increment(10);
        sim.scheduler.runUntilIdle();
        assertThat(answer.problemOrNull()).isEqualTo(new Problem("InsufficientFunds", "balance 3, asked 10"));
    }

    @Test
    void bytesAreCopiedAndMutableListsFrozenWhenTheyCross() {
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        byte[] bytes = {1, 2, 3};
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        Promise<Object> bytesBack = echo.echo(bytes);
        Promise<Object> listBack = echo.echo(list);
        bytes[0] = 9;
        list.add("b");
        assertThat((byte[]) sim.settle(bytesBack)).containsExactly(1, 2, 3);
        assertThat(sim.settle(listBack)).isEqualTo(List.of("a"));
    }

    /** Handing byte arrays over skips their copy only for sends that leave the JVM (RemoteReferenceTest). */
    @Test
    void aSenderHandingItsByteArraysOverToAVatOfThisJvmStillHasThemCopied() {
        List<Object> received = new ArrayList<>();
        Echo echo = bob.export(v -> {
            received.add(v);
            return Promise.of(null);
        }, Echo.class);
        byte[] bytes = {1, 2, 3};
        alice.run(() -> Vats.handOver(alice, () -> echo.echo(bytes)));
        sim.scheduler.runUntilIdle();

        assertThat(received).hasSize(1);
        assertThat(received.getFirst()).isNotSameAs(bytes).isEqualTo(bytes);
    }

    @Test
    void immutableDataIsSharedNotCopied() {
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        Point point = new Point(1, 2, List.of("x"));
        Map<String, Object> map = Map.of("p", point, "n", 3L);
        assertThat(sim.settle(echo.echo(point))).isSameAs(point);
        assertThat(sim.settle(echo.echo(map))).isSameAs(map);
    }

    @Test
    void aPassableRecordWithAMutableComponentIsRebuilt() {
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        ArrayList<String> tags = new ArrayList<>(List.of("t"));
        Point point = new Point(1, 2, tags);
        Promise<Object> back = echo.echo(point);
        tags.add("later");
        assertThat(sim.settle(back)).isEqualTo(new Point(1, 2, List.of("t"))).isNotSameAs(point);
    }

    @Test
    void aNonPassableArgumentBreaksTheSendNamingTheType() {
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        Promise<Object> answer = echo.echo(new HashSet<>());
        assertThat(answer.problemOrNull().kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(answer.problemOrNull().message()).contains("java.util.HashSet");
    }

    @Test
    void anUnmarkedRecordIsNotPassable() {
        record Secret(String s) {
        }
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        Promise<Object> answer = echo.echo(new Secret("x"));
        assertThat(answer.problemOrNull().message()).contains("Secret is not marked @Passable");
    }

    @Test
    void aNonPassableResultBreaksTheAnswer() {
        Echo echo = bob.export(v -> Promise.of(new StringBuilder("mutable")), Echo.class);
        Promise<Object> answer = echo.echo(1L);
        sim.scheduler.runUntilIdle();
        assertThat(answer.problemOrNull().message()).contains("java.lang.StringBuilder");
    }

    @Test
    void anObjectWithARemoteInterfaceCrossesAsAnEventualReference() {
        Tally aliceTally = new Tally();
        AtomicReference<Object> received = new AtomicReference<>();
        Echo echo = bob.export(v -> {
            received.set(v);
            return Promise.of(v);
        }, Echo.class);
        Promise<Boolean> nearAgain = alice.callPromise(() -> echo.echo(aliceTally).then(v -> v == aliceTally));
        boolean shortened = sim.settle(nearAgain);
        assertThat(received.get()).isInstanceOf(Counter.class).isNotSameAs(aliceTally);
        assertThat(Ref.kind(received.get())).isEqualTo(RefKind.EVENTUAL);
        // Returning to its own vat, the reference is the near object again.
        assertThat(shortened).isTrue();
    }

    @Test
    void aCapabilityCreatedOutsideAnyVatCannotCross() {
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        Promise<Object> answer = echo.echo(new Tally());
        assertThat(answer.problemOrNull().message()).contains("belongs to no vat");
    }

    @Test
    void exportRefusesWhatIsNotARemoteInterface() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.export("text", CharSequence.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interfaces of the Java platform are never remote");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.export(() -> 0, NotRemote.class))
                .hasMessageContaining("method size returns int");
    }

    /** Not remote: a method answers synchronously. */
    public interface NotRemote {
        int size();
    }

    /** Hears words, send-only. */
    public interface Listener {
        void hear(String word);
    }

    static final class Recorder implements Listener {
        final List<String> log;

        Recorder(List<String> log) {
            this.log = log;
        }

        @Override
        public void hear(String word) {
            log.add(word);
        }
    }
}
