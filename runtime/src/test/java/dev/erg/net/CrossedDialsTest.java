package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.captp.session.Session;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two vats that connect to each other at the same moment, so that their dials cross (spec
 * section 2): each caller gets a reference on the session kept, and neither sees the crossing.
 */
class CrossedDialsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ROUNDS = 12;

    private final VatRuntime runtime = VatRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void bothCallersOfCrossedDialsGetReferencesThatLast() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            // Seeds differ each round, so that either side may hold the lower vat id.
            try (Node one = node(100 + 2L * round); Node two = node(101 + 2L * round)) {
                SturdyRef oneCounter = counterOf(one);
                SturdyRef twoCounter = counterOf(two);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<NodeTest.Counter> toTwo = connectAfter(together, one, twoCounter);
                CompletableFuture<NodeTest.Counter> toOne = connectAfter(together, two, oneCounter);
                NodeTest.Counter twos = toTwo.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                NodeTest.Counter ones = toOne.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

                assertThat(twos.increment(1).join(WAIT)).as("round %d", round).isEqualTo(1L);
                assertThat(ones.increment(1).join(WAIT)).as("round %d", round).isEqualTo(1L);
                awaitOneSessionEach(one, two);
                assertThat(twos.increment(1).join(WAIT)).as("round %d, after the crossing settled", round).isEqualTo(2L);
                assertThat(ones.increment(1).join(WAIT)).as("round %d, after the crossing settled", round).isEqualTo(2L);
                assertThat(Session.through(twos).problem()).isNull();
                assertThat(Session.through(ones).problem()).isNull();
            }
        }
    }

    private Node node(long seed) throws Exception {
        Node node = Node.start(Peers.identity(seed), runtime, NetConfig.defaults(), PassableRegistry.empty());
        node.listen(Peers.LOOPBACK_ANY_PORT);
        return node;
    }

    private SturdyRef counterOf(Node node) {
        return node.sturdyRef(runtime.newVat("counter").export(new NodeTest.Tally(), NodeTest.Counter.class), null);
    }

    /** Connects {@code from} to {@code ref} on a thread of its own once the other caller is ready too. */
    private static CompletableFuture<NodeTest.Counter> connectAfter(CyclicBarrier together, Node from, SturdyRef ref) {
        CompletableFuture<NodeTest.Counter> connected = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                together.await();
                Promise<NodeTest.Counter> counter = from.connect(ref, NodeTest.Counter.class);
                connected.complete(counter.join(WAIT));
            } catch (Exception | AssertionError e) {
                connected.completeExceptionally(e);
            }
        });
        return connected;
    }

    private static void awaitOneSessionEach(Node one, Node two) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((one.sessionCount() != 1 || two.sessionCount() != 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(one.sessionCount()).isEqualTo(1);
        assertThat(two.sessionCount()).isEqualTo(1);
    }
}
