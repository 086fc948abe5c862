package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.spi.Vats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hooks a network layer uses, driven by a scripted stand-in for a remote peer. */
class RemoteReferenceTest {

    private final Sim sim = new Sim(4);
    private final Vat bob = sim.vat("bob");

    @AfterEach
    void close() {
        sim.close();
    }

    /** What a network layer would encode and send, recorded. */
    record Sent(String method, List<Object> args, Class<?> answerType, Resolver<Object> answer) {
    }

    /** A remote target that records each message and answers nothing by itself. */
    static final class Recorder implements RemoteTarget {
        final List<Sent> sent = new ArrayList<>();
        final String name;
        RemoteTarget pipeline;
        Problem problem;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public synchronized RemoteTarget send(String method, Object[] args, Class<?> answerType, Resolver<Object> answer) {
            sent.add(new Sent(method, Arrays.asList(args == null ? new Object[0] : args), answerType, answer));
            return pipeline;
        }

        final List<java.util.function.Consumer<Problem>> breakListeners = new ArrayList<>();

        @Override
        public Problem problem() {
            return problem;
        }

        @Override
        public void whenBroken(java.util.function.Consumer<Problem> listener) {
            breakListeners.add(listener);
        }

        void breakWith(Problem why) {
            problem = why;
            breakListeners.forEach(l -> l.accept(why));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Takes a counter it is given: for untyped imports arriving as arguments. */
    public interface Register {
        Promise<Long> useCounter(Counter counter);
    }

    @Test
    void aRemoteReferenceHandsEachCallToItsTargetWithTheExpectedAnswerType() {
        Recorder far = new Recorder("far");
        Counter counter = Ref.remote(far, Counter.class);
        Promise<Long> answer = counter.increment(5);
        counter.reset();
        assertThat(far.sent).extracting(Sent::method).containsExactly("increment", "reset");
        assertThat(far.sent.get(0).args()).containsExactly(5L);
        assertThat(far.sent.get(0).answerType()).isEqualTo(Long.class);
        assertThat(far.sent.get(1).answer()).isNull();

        far.sent.get(0).answer().resolve(7L);
        assertThat(answer.join(Duration.ZERO)).isEqualTo(7L);
        assertThat(Ref.kind(counter)).isEqualTo(RefKind.EVENTUAL);
        assertThat(Ref.remoteTarget(counter)).isSameAs(far);
    }

    /** A sender that hands its byte arrays over gives them to the encoder as they are; otherwise it copies them. */
    @Test
    void byteArraysHandedOverLeaveForAnotherJvmUncopied() {
        Recorder far = new Recorder("far");
        Echo echo = Ref.remote(far, Echo.class);
        byte[] bytes = {1, 2, 3};
        sim.settle(bob.callPromise(() -> {
            Vats.handOver(bob, () -> echo.echo(bytes));
            echo.echo(bytes);
            return Promise.of(null);
        }));

        assertThat(far.sent).hasSize(2);
        assertThat(far.sent.get(0).args().getFirst()).as("handed over").isSameAs(bytes);
        assertThat(far.sent.get(1).args().getFirst()).as("sent after the hand-over ended").isNotSameAs(bytes)
                .isEqualTo(bytes);
    }

    @Test
    void anAnswersTypeComesFromTheDeclaredPromise() {
        Recorder far = new Recorder("bank");
        Ref.remote(far, Bank.class).open("carol");
        assertThat(far.sent.getFirst().answerType()).isEqualTo(Counter.class);
    }

    @Test
    void sendsToAnUnsettledRemoteAnswerGoToItsPipelineInOrder() {
        Recorder far = new Recorder("bank");
        Recorder answerPosition = new Recorder("answer 1");
        far.pipeline = answerPosition;
        Promise<Counter> account = Ref.remote(far, Bank.class).open("carol");
        Counter pipelined = account.as(Counter.class);
        pipelined.increment(1);
        pipelined.increment(2);
        assertThat(answerPosition.sent).extracting(s -> s.args().getFirst()).containsExactly(1L, 2L);

        // Once the answer is known, sends go straight to what it resolved to.
        Recorder carol = new Recorder("carol");
        far.sent.getFirst().answer().resolve(Ref.remote(carol, Counter.class));
        pipelined.increment(3);
        assertThat(carol.sent).extracting(s -> s.args().getFirst()).containsExactly(3L);
        assertThat(answerPosition.sent).hasSize(2);
    }

    @Test
    void aDeferredPipelinedPromiseSendsToItsPipelineUntilResolved() {
        Recorder remotePromise = new Recorder("remote promise");
        Deferred<Object> d = Ref.deferPipelined(remotePromise);
        Counter viaPromise = d.promise().as(Counter.class);
        viaPromise.value();
        Tally tally = new Tally();
        d.resolver().resolve(bob.export(tally, Counter.class));
        Promise<Long> after = viaPromise.increment(4);
        assertThat(sim.settle(after)).isEqualTo(4L);
        assertThat(remotePromise.sent).extracting(Sent::method).containsExactly("value");
    }

    @Test
    void messagesSentByNameReachLocalObjectsAndPromises() {
        Counter counter = bob.export(new Tally(), Counter.class);
        assertThat(sim.settle(Ref.send(counter, "increment", 3L))).isEqualTo(3L);

        Deferred<Counter> later = Promise.defer();
        Promise<Object> queued = Ref.send(later.promise(), "increment", 4L);
        sim.scheduler.runUntilIdle();
        assertThat(queued.isSettled()).isFalse();
        later.resolver().resolve(counter);
        assertThat(sim.settle(queued)).isEqualTo(7L);

        Promise<Object> unknown = Ref.send(counter, "explode");
        sim.scheduler.runUntilIdle();
        assertThat(unknown.problemOrNull().kind()).isEqualTo(Problem.NOT_CALLABLE);
        assertThat(unknown.problemOrNull().message()).contains("explode");
    }

    @Test
    void anUntypedImportBecomesAProxyOfTheParameterType() {
        Recorder far = new Recorder("far counter");
        List<Object> seen = new ArrayList<>();
        Register register = bob.export(c -> {
            seen.add(c);
            c.increment(9);
            return Promise.of(1L);
        }, Register.class);
        sim.settle(Ref.send(register, "useCounter", far));
        assertThat(seen.getFirst()).isInstanceOf(Counter.class);
        assertThat(Ref.remoteTarget(seen.getFirst())).isSameAs(far);
        assertThat(far.sent).extracting(Sent::method).containsExactly("increment");
    }

    @Test
    void aMonitorIsToldOnceWhenARemoteReferenceBreaks() {
        Recorder far = new Recorder("far");
        Counter counter = Ref.remote(far, Counter.class);
        List<Problem> told = new ArrayList<>();
        bob.run(() -> {
            Ref.monitor(counter, told::add);
            Ref.monitor(Promise.of(counter), told::add);
        });
        sim.scheduler.runUntilIdle();
        assertThat(told).isEmpty();
        Problem lost = new Problem(Problem.UNAVAILABLE, "link to far lost");
        far.breakWith(lost);
        far.breakWith(lost);
        sim.scheduler.runUntilIdle();
        assertThat(told).containsExactly(lost, lost);
    }

    @Test
    void aMonitorIsToldWhenTheVatOfALocalReferenceShutsDown() {
        Vat carol = sim.vat("carol");
        Counter counter = carol.export(new Tally(), Counter.class);
        List<Problem> told = new ArrayList<>();
        bob.run(() -> Ref.monitor(counter, told::add));
        sim.scheduler.runUntilIdle();
        carol.shutdown();
        sim.scheduler.runUntilIdle();
        assertThat(told).containsExactly(new Problem(Problem.VAT_SHUT_DOWN, "vat carol was shut down"));
    }

    @Test
    void remoteReferencesCrossVatsAsTheyAreAndReportBreakage() {
        Recorder far = new Recorder("far");
        Counter counter = Ref.remote(far, Counter.class);
        Echo echo = bob.export(v -> Promise.of(v), Echo.class);
        assertThat(Ref.remoteTarget(sim.settle(echo.echo(counter)))).isSameAs(far);

        far.breakWith(new Problem(Problem.UNAVAILABLE, "link to far lost"));
        assertThat(Ref.kind(counter)).isEqualTo(RefKind.BROKEN);
        assertThat(Ref.problem(counter)).isEqualTo(far.problem);
        assertThat(counter).isEqualTo(Ref.remote(far, Counter.class)).isNotEqualTo(Ref.remote(new Recorder("x"), Counter.class));
    }
}
