package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.Vats;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM over loopback TLS: eventual sends through sturdy refs. */
class NodeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What Bob serves. */
    public interface Counter {
        Promise<Long> increment(long by);

        Promise<Counter> fork();
    }

    static final class Tally implements Counter {
        long count;

        @Override
        public Promise<Long> increment(long by) {
            count += by;
            return Promise.of(count);
        }

        @Override
        public Promise<Counter> fork() {
            Tally copy = new Tally();
            copy.count = count;
            return Promise.of(copy);
        }
    }

    /** What Bob serves for the loop-back test: gives back what it is given. */
    public interface Mirror {
        Promise<Object> reflect(Object value);
    }

    /** Alice's object in the loop-back test. */
    public interface Journal {
        Promise<Long> record(long sequence);
    }

    static final class Recorder implements Journal {
        final List<Long> recorded = new ArrayList<>();

        @Override
        public Promise<Long> record(long sequence) {
            recorded.add(sequence);
            return Promise.of(sequence);
        }
    }

    private final VatRuntime runtime = VatRuntime.create();
    private Node alice;
    private Node bob;
    private Vat bobsVat;

    private SturdyRef serveCounter(Duration ttl) throws Exception {
        alice = Node.start(Peers.identity(31), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(32), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        bobsVat = runtime.newVat("bob's counter");
        return bob.sturdyRef(bobsVat.export(new Tally(), Counter.class), ttl);
    }

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        runtime.close();
    }

    @Test
    void aSturdyRefTurnsIntoALiveReferenceUsedLikeALocalOne() throws Exception {
        SturdyRef ref = SturdyRef.parse(serveCounter(null).toString());
        Counter counter = alice.connect(ref, Counter.class).join(WAIT);
        assertThat(Ref.kind(counter)).isEqualTo(RefKind.EVENTUAL);
        assertThat(counter.increment(5).join(WAIT)).isEqualTo(5L);
        assertThat(counter.increment(2).join(WAIT)).isEqualTo(7L);
    }

    @Test
    void concurrentConnectsToOneVatShareOneConnection() throws Exception {
        SturdyRef ref = serveCounter(null);
        int callers = 8;
        int calls = 20;
        List<Promise<Long>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(callers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    Counter counter = alice.connect(ref, Counter.class).join(WAIT);
                    for (int c = 0; c < calls; c++) {
                        answers.add(counter.increment(1));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(WAIT.toMillis());
        }
        assertThat(answers).hasSize(callers * calls);
        List<Long> values = new ArrayList<>();
        for (Promise<Long> answer : answers) {
            values.add(answer.join(WAIT));
        }
        assertThat(values).as("every call answered, none dropped with a duplicate connection")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, (long) callers * calls)
                        .boxed().toList());
        assertThat(alice.sessionCount()).isEqualTo(1);
        assertThat(bob.sessionCount()).isEqualTo(1);
    }

    @Test
    void pipelinedCallsAcrossTheNetworkAnswerInOrder() throws Exception {
        SturdyRef ref = serveCounter(null);
        Counter counter = alice.connect(ref, Counter.class).join(WAIT);
        counter.increment(10);
        Counter fork = counter.fork().as(Counter.class);
        Promise<Long> first = fork.increment(1);
        Promise<Long> second = fork.increment(1);
        assertThat(second.join(WAIT)).isEqualTo(12L);
        assertThat(first.join(WAIT)).isEqualTo(11L);
        assertThat(counter.increment(0).join(WAIT)).isEqualTo(10L);
    }

    @Test
    void messagesToAnAnswerThatLoopsBackArriveInTheOrderSent() throws Exception {
        serveCounter(null);
        Mirror mirror = alice.connect(bob.sturdyRef(bobsVat.export(Promise::of, Mirror.class), null), Mirror.class)
                .join(WAIT);
        Recorder recorder = new Recorder();
        Journal journal = runtime.newVat("alice's journal").export(recorder, Journal.class);
        Promise<Object> reflected = mirror.reflect(journal);
        // Sent in one go: the first ones are pipelined to Bob and come back through him, those
        // sent once the answer has arrived must wait for them.
        Journal back = reflected.as(Journal.class);
        List<Promise<Long>> answers = new ArrayList<>();
        for (long i = 0; i < 2_000; i++) {
            answers.add(back.record(i));
        }
        for (Promise<Long> answer : answers) {
            answer.join(WAIT);
        }
        assertThat(recorder.recorded).isEqualTo(LongStream.range(0, 2_000).boxed().toList());
    }

    @Test
    void unknownRevokedAndExpiredSwissNumbersBreakAlikeAndRevealNothing() throws Exception {
        SturdyRef ref = serveCounter(Duration.ofMillis(300));
        SturdyRef unknown = new SturdyRef(ref.vatId(), ref.hints(), SwissNumber.random(new SecureRandom()));
        Problem notFound = problemOf(alice.connect(unknown, Counter.class));
        assertThat(notFound.kind()).isEqualTo("NotFound");

        SturdyRef revoked = bob.sturdyRef(bobsVat.export(new Tally(), Counter.class), null);
        assertThat(bob.revoke(revoked)).isTrue();
        assertThat(problemOf(alice.connect(revoked, Counter.class))).isEqualTo(notFound);

        Thread.sleep(400);
        assertThat(problemOf(alice.connect(ref, Counter.class))).isEqualTo(notFound);
    }

    @Test
    void aSturdyRefToDataCannotBeUsedAsAnObject() throws Exception {
        serveCounter(null);
        SturdyRef toText = bob.sturdyRef("just text", null);
        Problem wrongType = problemOf(alice.connect(toText, Counter.class));
        assertThat(wrongType.kind()).isEqualTo(Problem.NOT_CALLABLE);
        assertThat(wrongType.message()).isEqualTo("the sturdy ref designates a String, not a Counter");
    }

    @Test
    void aSturdyRefNamingAVatTheServerDoesNotHostIsRefusedAtTheHandshake() throws Exception {
        SturdyRef ref = serveCounter(null);
        SturdyRef forged = new SturdyRef(Peers.identity(33).vatId(), ref.hints(), ref.swiss());
        Problem refused = problemOf(alice.connect(forged, Counter.class));
        assertThat(refused.kind()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(refused.message()).contains("does not host vat " + forged.vatId());
    }

    @Test
    void aReferenceBreaksAtOnceWhenItsVatEndsAtThePeerSayingWhyAsInOneJvm() throws Exception {
        SturdyRef ref = serveCounter(null);
        Counter counter = alice.connect(ref, Counter.class).join(WAIT);
        Counter near = bobsVat.export(new Tally(), Counter.class);
        Counter far = counter.fork().join(WAIT);
        Vat alicesVat = runtime.newVat("alice");
        CompletableFuture<Problem> heard = new CompletableFuture<>();
        CompletableFuture<Problem> heardInOneJvm = new CompletableFuture<>();
        alicesVat.call(() -> {
            Ref.monitor(counter, heard::complete);
            Ref.monitor(near, heardInOneJvm::complete);
            return null;
        }).join(WAIT);
        assertThat(far.increment(1).join(WAIT)).as("a watch costs the references nothing").isEqualTo(1L);

        Vats.terminate(bobsVat, "over its budget");
        Problem ended = new Problem(Problem.VAT_SHUT_DOWN, "vat bob's counter terminated: over its budget");
        assertThat(heard.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("told without a call").isEqualTo(ended);
        assertThat(heardInOneJvm.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ended);
        assertThat(Ref.kind(counter)).isEqualTo(RefKind.BROKEN);
        assertThat(Ref.problem(counter)).isEqualTo(ended);
        assertThat(problemOf(counter.increment(1))).isEqualTo(ended);
        assertThat(problemOf(far.increment(1))).as("an import nobody watched breaks when called").isEqualTo(ended);
    }

    @Test
    void losingTheConnectionBreaksTheReferencesThatCrossedIt() throws Exception {
        SturdyRef ref = serveCounter(null);
        Counter counter = alice.connect(ref, Counter.class).join(WAIT);
        assertThat(counter.increment(1).join(WAIT)).isEqualTo(1L);
        bob.close();
        bob = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Ref.kind(counter) != RefKind.BROKEN && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Ref.kind(counter)).isEqualTo(RefKind.BROKEN);
        Problem lost = problemOf(counter.increment(1));
        assertThat(lost.kind()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(lost.message()).contains("connection to vat").contains("lost");
    }

    @Test
    void aWatchReportsAvailableWhenTheVatComesBackAndAFreshReferenceWorks() throws Exception {
        SturdyRef ref = serveCounter(null);
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        Vat watcher = runtime.newVat("watcher");
        AvailabilityListener listener = watcher.export(() -> events.add("available"), AvailabilityListener.class);
        try (Node.Watch watch = alice.watch(ref, listener)) {
            assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("available");
            Counter before = alice.connect(ref, Counter.class).join(WAIT);
            assertThat(before.increment(1).join(WAIT)).isEqualTo(1L);

            bob.close();
            bob = Node.start(Peers.identity(32), runtime, NetConfig.defaults(), PassableRegistry.empty());
            bob.listen(new InetSocketAddress("127.0.0.1", ref.hints().getFirst().getPort()));
            bob.reinstate(ref, bobsVat.export(new Tally(), Counter.class));

            assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("available");
            assertThat(Ref.kind(before)).isEqualTo(RefKind.BROKEN);
            Counter after = alice.connect(ref, Counter.class).join(WAIT);
            assertThat(after.increment(5).join(WAIT)).isEqualTo(5L);
        }
    }

    @Test
    void crossedHellosLeaveOneSessionThatWorksBothWays() throws Exception {
        SturdyRef bobsCounter = serveCounter(null);
        alice.listen(Peers.LOOPBACK_ANY_PORT);
        Vat alicesVat = runtime.newVat("alice's counter");
        SturdyRef alicesCounter = alice.sturdyRef(alicesVat.export(new Tally(), Counter.class), null);
        for (int round = 0; round < 5; round++) {
            Promise<Counter> toBob = alice.connect(bobsCounter, Counter.class);
            Promise<Counter> toAlice = bob.connect(alicesCounter, Counter.class);
            assertThat(toBob.join(WAIT).increment(1).join(WAIT)).isEqualTo(round + 1L);
            assertThat(toAlice.join(WAIT).increment(1).join(WAIT)).isEqualTo(round + 1L);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((alice.sessionCount() != 1 || bob.sessionCount() != 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(alice.sessionCount()).isEqualTo(1);
        assertThat(bob.sessionCount()).isEqualTo(1);
    }

    @Test
    void anExporterIsToldWhenAClientSessionIsLost() throws Exception {
        SturdyRef ref = serveCounter(null);
        java.util.concurrent.BlockingQueue<String> lost = new java.util.concurrent.LinkedBlockingQueue<>();
        bob.onSessionLost(runtime.newVat("host").export((peer, why) -> lost.add(peer + " " + why.kind()), PeerListener.class));
        alice.connect(ref, Counter.class).join(WAIT).increment(1).join(WAIT);
        alice.close();
        alice = null;
        assertThat(lost.poll(10, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(Peers.identity(31).vatId() + " " + Problem.UNAVAILABLE);
    }

    @Test
    void aWatchNeedsAnEventualListener() throws Exception {
        SturdyRef ref = serveCounter(null);
        assertThatThrownBy(() -> alice.watch(ref, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventual reference");
    }

    @Test
    void oneSessionServesEveryReferenceToTheSameVat() throws Exception {
        SturdyRef ref = serveCounter(null);
        SturdyRef other = bob.sturdyRef(bobsVat.export(new Tally(), Counter.class), null);
        Counter one = alice.connect(ref, Counter.class).join(WAIT);
        Counter two = alice.connect(other, Counter.class).join(WAIT);
        assertThat(one.increment(1).join(WAIT)).isEqualTo(1L);
        assertThat(two.increment(5).join(WAIT)).isEqualTo(5L);
        assertThat(Refs.remoteTarget(one).toString()).startsWith(bob.vatId().toString());
    }

    @Test
    void sturdyRefTextRoundTripsAndBadTextSaysWhatIsWrong() throws Exception {
        SturdyRef ref = serveCounter(null);
        assertThat(SturdyRef.parse(ref.toString())).isEqualTo(ref);
        assertThat(SturdyRef.parse(ref.toString().replace("127.0.0.1", "[::1]")).hints())
                .containsExactly(InetSocketAddress.createUnresolved("::1", ref.hints().getFirst().getPort()));
        assertThatThrownBy(() -> SturdyRef.parse("http://x")).hasMessageContaining("must start with captp://");
        assertThatThrownBy(() -> SturdyRef.parse(ref.toString().replace(":" + ref.hints().getFirst().getPort(), ":99999")))
                .hasMessageContaining("(expected: 1 to 65535)");
        assertThatThrownBy(() -> SturdyRef.parse("captp://abc@h:1/" + ref.swiss().text()))
                .hasMessageContaining("vat id")
                .hasMessageNotContaining(ref.swiss().text());
        assertThat(List.of(ref.hints().size())).containsExactly(1);
    }

    private static Problem problemOf(Promise<?> promise) {
        try {
            promise.join(WAIT);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a broken promise, got " + promise);
    }
}
