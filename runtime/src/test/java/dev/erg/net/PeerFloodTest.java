package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.net.link.Link;
import dev.erg.net.link.Transport;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends bad input by the thousand: each bad call still breaks its caller's
 * promise, each fault is counted, and the log gains a line per kind, not per fault.
 */
class PeerFloodTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Bad calls of each of the three kinds: 10,002 in all. */
    private static final int CALLS = 3_334;

    /** What Bob serves: a method that always throws, with a message that differs per call. */
    public interface Fragile {
        Promise<Long> fail(long n);
    }

    private final VatRuntime runtime = VatRuntime.create();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        runtime.close();
    }

    @Test
    void badCallsBreakTheirPromisesAndAddALinePerKindToTheLog() throws Exception {
        Node alice = opened(Node.start(Peers.identity(41), runtime, NetConfig.defaults(), PassableRegistry.empty()));
        Node bob = opened(Node.start(Peers.identity(42), runtime, NetConfig.defaults(), PassableRegistry.empty()));
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        Fragile served = runtime.newVat("bob's fragile").export(n -> {
            throw new IllegalStateException("call " + n + " refused\nat line two");
        }, Fragile.class);
        Fragile far = alice.connect(bob.sturdyRef(served, null), Fragile.class).join(WAIT);
        long threwBefore = PeerFault.METHOD_THREW.count();
        long notCallableBefore = PeerFault.NOT_CALLABLE.count();

        List<LogRecord> logged;
        List<Promise<?>> throwing = new ArrayList<>();
        List<Promise<?>> unknown = new ArrayList<>();
        List<Promise<?>> tooMany = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            // All sent before any is awaited: they travel pipelined, not one round trip each.
            for (long i = 0; i < CALLS; i++) {
                throwing.add(far.fail(i));
                unknown.add(Ref.send(far, "noSuchMethod", i));
                tooMany.add(Ref.send(far, "fail", i, i));
            }
            Map<String, Integer> throwingBroken = brokenByKind(throwing);
            Map<String, Integer> unknownBroken = brokenByKind(unknown);
            Map<String, Integer> tooManyBroken = brokenByKind(tooMany);
            logged = log.records();

            assertThat(throwingBroken).isEqualTo(Map.of(Problem.EXCEPTION, CALLS));
            assertThat(unknownBroken).isEqualTo(Map.of(Problem.NOT_CALLABLE, CALLS));
            assertThat(tooManyBroken).isEqualTo(Map.of(Problem.NOT_CALLABLE, CALLS));
        }

        assertThat(PeerFault.METHOD_THREW.count() - threwBefore).isEqualTo(CALLS);
        assertThat(PeerFault.NOT_CALLABLE.count() - notCallableBefore).isEqualTo(2L * CALLS);
        // Calls the method cannot take are told to their callers, and are no fault of the method.
        // Other test classes share this JVM and its log: only lines about this test's vat count.
        List<LogRecord> aboutBob = logged.stream()
                .filter(r -> r.getMessage() != null && r.getMessage().contains("bob's fragile")).toList();
        assertThat(aboutBob).as("the log of %s bad calls: %s", 3 * CALLS, logged).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARNING);
            assertThat(line.getMessage())
                    .startsWith("vat bob's fragile: Fragile.fail threw java.lang.IllegalStateException: call ")
                    .endsWith(" refused\\nat line two");
            assertThat(line.getThrown()).as("the developer's one stack trace").isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void sessionsAbortedForBrokenFramesAreCountedAndLoggedOnce() throws Exception {
        int sessions = 12;
        Transport server = opened(Peers.transport(Peers.identity(43), NetConfig.defaults()));
        InetSocketAddress at = server.listen(Peers.LOOPBACK_ANY_PORT, link -> new Peers.Recording());
        Transport client = opened(Peers.transport(Peers.identity(44), NetConfig.defaults()));
        long before = PeerFault.PROTOCOL.count();

        List<LogRecord> logged;
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < sessions; i++) {
                Peers.Recording clientSide = new Peers.Recording();
                Link link = client.connect(server.vatId(), at, clientSide).get(10, TimeUnit.SECONDS);
                // 0x00, the number zero: well-formed CBOR, but no message.
                link.channel().writeAndFlush(Peers.frame(new byte[] {0x00}));
                assertThat(clientSide.closed.get(10, TimeUnit.SECONDS)).startsWith("peer aborted: type-mismatch: ");
            }
            logged = log.records();
        }

        assertThat(PeerFault.PROTOCOL.count() - before).isEqualTo(sessions);
        // One line per kind a minute for the whole JVM: another test class in this JVM may have
        // had this kind's line already, so this test sees one line or none, never twelve.
        List<LogRecord> aboutClient = logged.stream()
                .filter(r -> r.getMessage() != null && r.getMessage().contains(client.vatId().toString())).toList();
        assertThat(aboutClient).as("the log of %s aborted sessions: %s", sessions, logged).hasSizeLessThanOrEqualTo(1);
        assertThat(aboutClient).allSatisfy(line -> {
            assertThat(line.getLevel() + " " + line.getMessage())
                    .startsWith("INFO refused session (type-mismatch) from 127.0.0.1 (vat " + client.vatId() + "): ")
                    .contains(": type-mismatch: ");
            assertThat(line.getThrown()).isNull();
        });
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** Waits for every promise; counts them by the kind of problem each broke with. */
    private static Map<String, Integer> brokenByKind(List<Promise<?>> promises) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Promise<?> promise : promises) {
            String kind;
            try {
                promise.join(WAIT);
                kind = "fulfilled";
            } catch (ProblemException e) {
                kind = e.problem().kind();
            }
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds;
    }
}
