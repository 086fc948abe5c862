package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * E-order over a slow TLS link when a promise loops back: Alice streams messages to a promise of
 * Bob's, which Bob resolves to Alice's own journal while the stream flows. Those sent before
 * Alice hears of it travel to Bob and back (25 ms each way through the proxy); those sent
 * after must not overtake them by going to the journal directly.
 */
class PromiseLoopBackOverTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGES = 150;

    /** Alice's object: records what reaches it. */
    public interface Journal {
        void record(long sequence);
    }

    /** Bob's object: hands out a promise of his, and resolves it to the journal given. */
    public interface Keeper {
        Promise<List<Object>> hand(Journal journal);

        void resolve();
    }

    static final class Recorder implements Journal {
        final List<Long> recorded = new ArrayList<>();

        @Override
        public synchronized void record(long sequence) {
            recorded.add(sequence);
        }

        synchronized List<Long> recorded() {
            return List.copyOf(recorded);
        }

        /** What was recorded once {@code count} sequences have been, or {@code wait} has passed. */
        List<Long> awaitRecorded(int count, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (recorded().size() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return recorded();
        }
    }

    static final class Handout implements Keeper {
        private final Deferred<Object> pending = Promise.defer();
        private Journal given;

        @Override
        public Promise<List<Object>> hand(Journal journal) {
            given = journal;
            return Promise.of(List.of(pending.promise()));
        }

        @Override
        public void resolve() {
            pending.resolver().resolve(given);
        }
    }

    private final VatRuntime runtime = VatRuntime.create();
    private Node alice;
    private Node bob;
    private FaultyProxy proxy;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        runtime.close();
    }

    @Test
    void messagesThroughAPromiseThatResolvesToTheSendersObjectKeepTheirOrder() throws Exception {
        alice = Node.start(Peers.identity(51), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(52), runtime, NetConfig.defaults(), PassableRegistry.empty());
        var bound = bob.listen(Peers.LOOPBACK_ANY_PORT);
        Vat bobsVat = runtime.newVat("bob's keeper");
        SturdyRef direct = bob.sturdyRef(bobsVat.export(new Handout(), Keeper.class), null);
        proxy = FaultyProxy.start(bound, Duration.ofMillis(25));
        Keeper keeper = alice.connect(proxy.route(direct), Keeper.class).join(WAIT);

        Recorder recorder = new Recorder();
        Journal journal = runtime.newVat("alice's journal").export(recorder, Journal.class);
        @SuppressWarnings("unchecked")
        Promise<Object> bobsPromise = (Promise<Object>) keeper.hand(journal).join(WAIT).getFirst();
        Journal through = bobsPromise.as(Journal.class);

        for (long i = 0; i < MESSAGES; i++) {
            if (i == MESSAGES / 5) {
                keeper.resolve();
            }
            through.record(i);
            Thread.sleep(1);
        }
        List<Long> recorded = recorder.awaitRecorded(MESSAGES, WAIT);
        assertThat(bobsPromise.isFulfilled()).as("the promise resolved while the messages flowed").isTrue();
        assertThat(recorded).as("every message, in the order sent")
                .isEqualTo(LongStream.range(0, MESSAGES).boxed().toList());
    }
}
