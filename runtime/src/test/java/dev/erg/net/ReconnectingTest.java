package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reconnecting reference over loopback TLS, to a server that stops and restarts on the same key and port. */
class ReconnectingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What Bob serves. */
    public interface Counter {
        Promise<Long> increment(long by);
    }

    static final class Tally implements Counter {
        long count;

        @Override
        public Promise<Long> increment(long by) {
            count += by;
            return Promise.of(count);
        }
    }

    private final VatRuntime runtime = VatRuntime.create();
    private Node alice;
    private Node bob;
    private Vat bobsVat;
    private SturdyRef ref;

    @BeforeEach
    void serve() throws Exception {
        alice = Node.start(Peers.identity(51), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(52), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        bobsVat = runtime.newVat("bob's counter");
        ref = bob.sturdyRef(bobsVat.export(new Tally(), Counter.class), null);
    }

    @AfterEach
    void close() {
        alice.close();
        if (bob != null) {
            bob.close();
        }
        runtime.close();
    }

    private void stopBob() {
        bob.close();
        bob = null;
    }

    /** Bob again, same key and port, with a new counter (at zero) under the same sturdy ref. */
    private void restartBob() throws Exception {
        bob = Node.start(Peers.identity(52), runtime, NetConfig.defaults(), PassableRegistry.empty());
        // Reinstated before listening, so that no fetch can arrive before the object is there.
        bob.reinstate(ref, bobsVat.export(new Tally(), Counter.class));
        bob.listen(new InetSocketAddress("127.0.0.1", ref.hints().getFirst().getPort()));
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    private static Problem problemOf(Promise<?> promise) {
        try {
            promise.join(WAIT);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a broken promise, got " + promise);
    }

    @Test
    void callsWhileAwayWaitAndGoInOrderToTheFreshReferenceOnceTheVatIsBack() throws Exception {
        try (Reconnecting<Counter> counter = alice.reconnecting(ref, Counter.class, AwayPolicy.queue(10, WAIT))) {
            Counter c = counter.reference();
            // Made before the first connection: it waits like any call made while away.
            assertThat(c.increment(1).join(WAIT)).isEqualTo(1L);
            assertThat(counter.isAvailable()).isTrue();

            stopBob();
            waitUntil("away", () -> !counter.isAvailable());
            Promise<Long> first = c.increment(10);
            Promise<Long> second = c.increment(5);
            restartBob();

            // The restarted counter starts at zero: both calls reached it, in the order made.
            assertThat(first.join(WAIT)).isEqualTo(10L);
            assertThat(second.join(WAIT)).isEqualTo(15L);
            assertThat(c.increment(1).join(WAIT)).isEqualTo(16L);
            assertThat(Ref.kind(c)).isEqualTo(RefKind.EVENTUAL);
        }
    }

    @Test
    void breakAtOnceBreaksCallsWhileAwayAndSendsAgainOnceTheVatIsBack() throws Exception {
        try (Reconnecting<Counter> counter = alice.reconnecting(ref, Counter.class, AwayPolicy.breakAtOnce())) {
            Counter c = counter.reference();
            waitUntil("connected", counter::isAvailable);
            assertThat(c.increment(1).join(WAIT)).isEqualTo(1L);

            stopBob();
            waitUntil("away", () -> !counter.isAvailable());
            Problem away = problemOf(c.increment(1));
            assertThat(away.kind()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(away.message()).startsWith("vat " + ref.vatId() + " is away: connection to vat");

            restartBob();
            waitUntil("reconnected", counter::isAvailable);
            assertThat(c.increment(2).join(WAIT)).as("the broken call was never sent").isEqualTo(2L);
        }
    }

    @Test
    void waitingCallsBreakAfterMaxWaitAndAreNeverSent() throws Exception {
        Duration maxWait = Duration.ofMillis(300);
        try (Reconnecting<Counter> counter = alice.reconnecting(ref, Counter.class, AwayPolicy.queue(10, maxWait))) {
            Counter c = counter.reference();
            waitUntil("connected", counter::isAvailable);
            stopBob();
            waitUntil("away", () -> !counter.isAvailable());
            assertThat(problemOf(c.increment(1))).isEqualTo(new Problem(Problem.UNAVAILABLE,
                    "vat " + ref.vatId() + " was not back within 300 ms"));

            restartBob();
            waitUntil("reconnected", counter::isAvailable);
            assertThat(c.increment(7).join(WAIT)).isEqualTo(7L);
        }
    }

    @Test
    void aCallBeyondMaxCallsBreaksAtOnceWhileTheOthersWait() throws Exception {
        try (Reconnecting<Counter> counter = alice.reconnecting(ref, Counter.class, AwayPolicy.queue(2, WAIT))) {
            Counter c = counter.reference();
            waitUntil("connected", counter::isAvailable);
            stopBob();
            waitUntil("away", () -> !counter.isAvailable());
            Promise<Long> first = c.increment(1);
            Promise<Long> second = c.increment(2);
            Problem third = problemOf(c.increment(4));
            assertThat(third).isEqualTo(new Problem(Problem.UNAVAILABLE,
                    "vat " + ref.vatId() + " is away and 2 calls already wait for it"));
            assertThat(first.isSettled()).isFalse();

            restartBob();
            assertThat(first.join(WAIT)).isEqualTo(1L);
            assertThat(second.join(WAIT)).isEqualTo(3L);
            assertThat(c.increment(0).join(WAIT)).as("the refused call was never sent").isEqualTo(3L);
        }
    }

    @Test
    void closingBreaksWaitingAndLaterCalls() throws Exception {
        Reconnecting<Counter> counter = alice.reconnecting(ref, Counter.class, AwayPolicy.queue(10, WAIT));
        Counter c = counter.reference();
        waitUntil("connected", counter::isAvailable);
        stopBob();
        waitUntil("away", () -> !counter.isAvailable());
        Promise<Long> waiting = c.increment(1);
        counter.close();
        Problem closed = new Problem(Problem.UNAVAILABLE, "the reconnecting reference to vat " + ref.vatId() + " was closed");
        assertThat(problemOf(waiting)).isEqualTo(closed);
        assertThat(problemOf(c.increment(1))).isEqualTo(closed);
        assertThat(counter.isAvailable()).isFalse();
    }

    @Test
    void policiesAndInterfacesAreCheckedUpFront() {
        assertThatThrownBy(() -> AwayPolicy.queue(0, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxCalls: 0 (expected: >= 1)");
        assertThatThrownBy(() -> AwayPolicy.queue(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxWait: PT0S (expected: > 0)");
        assertThatThrownBy(() -> alice.reconnecting(ref, Runnable.class, AwayPolicy.breakAtOnce()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
