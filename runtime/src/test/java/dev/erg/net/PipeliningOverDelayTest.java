package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Promise pipelining pays for itself on a slow link: through a proxy that delays every chunk
 * 25 ms each way, a chain of dependent calls sent without waiting costs about one round trip,
 * while the same chain waiting for each answer costs one round trip per call.
 */
class PipeliningOverDelayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration ONE_WAY = Duration.ofMillis(25);
    private static final long ROUND_TRIP_NANOS = 2 * ONE_WAY.toNanos();
    private static final int CALLS = 10;

    /** What Bob serves: each link of the chain makes the next one, one deeper. */
    public interface Chain {
        Promise<Chain> next();

        Promise<Long> depth();
    }

    static final class Step implements Chain {
        private final long depth;

        Step(long depth) {
            this.depth = depth;
        }

        @Override
        public Promise<Chain> next() {
            return Promise.of(new Step(depth + 1));
        }

        @Override
        public Promise<Long> depth() {
            return Promise.of(depth);
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
    void aPipelinedChainCostsAboutOneRoundTripAndASequentialOneCostsOnePerCall() throws Exception {
        alice = Node.start(Peers.identity(41), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(42), runtime, NetConfig.defaults(), PassableRegistry.empty());
        var bound = bob.listen(Peers.LOOPBACK_ANY_PORT);
        Vat bobsVat = runtime.newVat("bob's chain");
        SturdyRef direct = bob.sturdyRef(bobsVat.export(new Step(0), Chain.class), null);
        proxy = FaultyProxy.start(bound, ONE_WAY);
        SturdyRef viaProxy = proxy.route(direct);

        // Warm up: TLS, start-session and the fetch are not measured, nor is loading classes.
        Chain root = alice.connect(viaProxy, Chain.class).join(WAIT);
        assertThat(root.depth().join(WAIT)).isZero();
        assertThat(pipelined(root).join(WAIT)).isEqualTo(CALLS);
        assertThat(root.next().join(WAIT).depth().join(WAIT)).isEqualTo(1L);
        assertThat(proxy.accepted()).as("connections through the proxy").isEqualTo(1);

        // Noise only ever adds time: the best of three pipelined runs measures the protocol.
        List<Long> pipelinedRuns = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            long depth = pipelined(root).join(WAIT);
            pipelinedRuns.add(System.nanoTime() - start);
            assertThat(depth).isEqualTo(CALLS);
        }
        long pipelinedNanos = Collections.min(pipelinedRuns);

        long start = System.nanoTime();
        Chain step = root;
        for (int i = 0; i < CALLS; i++) {
            step = step.next().join(WAIT);
        }
        long depth = step.depth().join(WAIT);
        long sequentialNanos = System.nanoTime() - start;
        assertThat(depth).isEqualTo(CALLS);

        System.out.printf("PipeliningOverDelayTest: round trip %d ms; %d dependent calls + depth(): "
                        + "pipelined %.1f ms (runs %s ms), sequential %.1f ms, ratio %.1f%n",
                ROUND_TRIP_NANOS / 1_000_000, CALLS, pipelinedNanos / 1e6,
                pipelinedRuns.stream().map(n -> String.format("%.1f", n / 1e6)).toList(),
                sequentialNanos / 1e6, (double) sequentialNanos / pipelinedNanos);

        assertThat(pipelinedNanos).as("pipelined: less than 2.5 round trips")
                .isLessThan(ROUND_TRIP_NANOS * 5 / 2);
        // Each of the 11 calls waits for its answer: the proxy alone makes that 11 round trips.
        assertThat(sequentialNanos).as("sequential: at least one round trip per call")
                .isGreaterThanOrEqualTo(ROUND_TRIP_NANOS * CALLS);
        assertThat((double) sequentialNanos / pipelinedNanos).as("sequential / pipelined").isGreaterThanOrEqualTo(4.0);
    }

    /** Sends CALLS next() and a depth() down the chain without waiting for any answer. */
    private static Promise<Long> pipelined(Chain root) {
        Chain step = root;
        for (int i = 0; i < CALLS; i++) {
            step = step.next().as(Chain.class);
        }
        return step.depth();
    }
}
