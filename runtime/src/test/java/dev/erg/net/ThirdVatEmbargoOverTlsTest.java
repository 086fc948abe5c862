package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.net.PromiseLoopBackOverTlsTest.Journal;
import dev.erg.net.PromiseLoopBackOverTlsTest.Recorder;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * E-order over TLS when a reference leads on to a third vat: Alice streams messages to a promise
 * of Bob's (Carol's journal is {@link PromiseLoopBackOverTlsTest}'s recorder), over a slow link (25 ms each way through the proxy), and Bob resolves it to Carol's
 * journal while the stream flows. Those sent before Alice hears of it travel through Bob to
 * Carol; those sent after go to Carol directly, over a fast link, and must not overtake them.
 */
class ThirdVatEmbargoOverTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGES = 150;

    /** Bob's object: hands out a promise of his, and resolves it to Carol's journal. */
    public interface Keeper {
        Promise<List<Object>> hand();

        Promise<Journal> journal();

        void resolve();
    }

    static final class Handout implements Keeper {
        private final Deferred<Journal> pending = Promise.defer();
        private final Journal carols;

        Handout(Journal carols) {
            this.carols = carols;
        }

        @Override
        public Promise<List<Object>> hand() {
            return Promise.of(List.of(pending.promise()));
        }

        @Override
        public Promise<Journal> journal() {
            return pending.promise();
        }

        @Override
        public void resolve() {
            pending.resolver().resolve(carols);
        }
    }

    private final VatRuntime runtime = VatRuntime.create();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        runtime.close();
    }

    private Node start(long seed) throws Exception {
        Node node = Node.start(Peers.identity(seed), runtime, NetConfig.defaults(), PassableRegistry.empty());
        closing.add(node);
        return node;
    }

    @Test
    void messagesThroughAPromiseThatResolvesToAThirdVatKeepTheirOrder() throws Exception {
        streamThroughBob(keeper -> {
            @SuppressWarnings("unchecked")
            Promise<Object> promise = (Promise<Object>) keeper.hand().join(WAIT).getFirst();
            return promise;
        });
    }

    @Test
    void messagesPipelinedToAnAnswerThatResolvesToAThirdVatKeepTheirOrder() throws Exception {
        streamThroughBob(Keeper::journal);
    }

    private void streamThroughBob(Function<Keeper, Promise<?>> reference) throws Exception {
        Node alice = start(61);
        Node bob = start(62);
        Node carol = start(63);
        carol.listen(Peers.LOOPBACK_ANY_PORT);
        Recorder recorder = new Recorder();
        SturdyRef journalRef = carol.sturdyRef(runtime.newVat("carol's journal").export(recorder, Journal.class), null);
        Journal carols = bob.connect(journalRef, Journal.class).join(WAIT);
        var bound = bob.listen(Peers.LOOPBACK_ANY_PORT);
        SturdyRef keeperRef = bob.sturdyRef(runtime.newVat("bob's keeper").export(new Handout(carols), Keeper.class), null);
        FaultyProxy proxy = FaultyProxy.start(bound, Duration.ofMillis(25));
        closing.add(proxy);
        Keeper keeper = alice.connect(proxy.route(keeperRef), Keeper.class).join(WAIT);

        Promise<?> bobs = reference.apply(keeper);
        Journal through = bobs.as(Journal.class);
        for (long i = 0; i < MESSAGES; i++) {
            if (i == MESSAGES / 5) {
                keeper.resolve();
            }
            through.record(i);
            Thread.sleep(1);
        }
        List<Long> recorded = recorder.awaitRecorded(MESSAGES, WAIT);
        assertThat(bobs.isFulfilled()).as("the promise resolved while the messages flowed").isTrue();
        assertThat(alice.peers()).as("Alice reached Carol directly").extracting(PeerStatus::peer)
                .contains(carol.vatId());
        assertThat(recorded).as("every message, in the order sent")
                .isEqualTo(LongStream.range(0, MESSAGES).boxed().toList());
    }
}
