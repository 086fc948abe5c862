package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Audit;
import dev.erg.net.link.Link;
import dev.erg.net.link.Transport;
import dev.erg.vat.PeerFault;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a listening port admits from peers it does not trust yet, and what it writes to the audit trail. */
class AdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatIdentity aliceId = Peers.identity(61);
    private final VatIdentity bobId = Peers.identity(62);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private InetSocketAddress bobListening(Admission admission) throws InterruptedException {
        NetConfig config = NetConfig.defaults().withAdmission(admission).withHandshakeTimeout(Duration.ofSeconds(30));
        Transport bob = keep(Peers.transport(bobId, config));
        return bob.listen(Peers.LOOPBACK_ANY_PORT, link -> new Peers.Recording());
    }

    @Test
    void aDialerThatOffersNoAlpnIsRefusedAfterTlsAndAudited() throws Exception {
        InetSocketAddress at = bobListening(Admission.DEFAULTS);
        long before = PeerFault.HANDSHAKE.count();
        List<String> audit;
        try (LogCapture log = LogCapture.start()) {
            ScriptedPeer silent = keep(ScriptedPeer.dial(aliceId, TlsProvider.JDK, bobId.vatId(), at, List.of(), List.of()));
            silent.closed.get(10, TimeUnit.SECONDS);
            audit = auditLines(log);
        }
        assertThat(PeerFault.HANDSHAKE.count() - before).isEqualTo(1);
        // Other kinds' lines, rate-limited across the JVM, may come in while the log is captured.
        assertThat(audit.stream().filter(line -> line.startsWith("refused handshake (no alpn)"))).singleElement().asString()
                .startsWith("refused handshake (no alpn) from 127.0.0.1 (vat -): the dialer offered no ALPN protocol");
    }

    @Test
    void connectionsPastTheCapsAreClosedBeforeTlsWhileOthersStayOpen() throws Exception {
        InetSocketAddress at = bobListening(new Admission(3, 2, 1 << 20, 20));
        long before = PeerFault.CONNECTION_REFUSED.count();
        Socket first = keep(from("127.0.0.1", at));
        keep(from("127.0.0.1", at));
        assertThat(isClosedByServer(from("127.0.0.1", at))).as("a third from one address").isTrue();
        Socket other = keep(from("127.0.0.2", at));
        assertThat(isClosedByServer(from("127.0.0.3", at))).as("a fourth in all").isTrue();
        assertThat(staysOpen(other)).isTrue();
        assertThat(PeerFault.CONNECTION_REFUSED.count() - before).isEqualTo(2);

        first.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean admitted = false;
        while (!admitted && System.nanoTime() < deadline) {
            admitted = staysOpen(keep(from("127.0.0.1", at)));
        }
        assertThat(admitted).as("a place freed by a close is taken again").isTrue();
    }

    @Test
    void framesThatWouldHoldMoreThanThePortsBudgetAbortTheirOwnSessionAlone() throws Exception {
        InetSocketAddress at = bobListening(new Admission(100, 100, 10_000, 20));
        Transport alice = keep(Peers.transport(aliceId, NetConfig.defaults()));
        Peers.Recording firstSide = new Peers.Recording();
        Link first = alice.connect(bobId.vatId(), at, firstSide).get(10, TimeUnit.SECONDS);
        Peers.Recording secondSide = new Peers.Recording();
        Link second = alice.connect(bobId.vatId(), at, secondSide).get(10, TimeUnit.SECONDS);

        first.channel().pipeline().context("frames").writeAndFlush(Unpooled.buffer(14).writeInt(8_000).writeBytes(new byte[10]));
        ByteBuf header = Unpooled.buffer(4).writeInt(8_000);
        Thread.sleep(200);
        second.channel().pipeline().context("frames").writeAndFlush(header);

        assertThat(secondSide.closed.get(10, TimeUnit.SECONDS))
                .startsWith("peer aborted: limit")
                .contains("frames not yet complete on this port hold 8000 of 10000 bytes");
        assertThat(first.isOpen()).isTrue();
        assertThat(firstSide.closed).isNotDone();
    }

    @Test
    void lookupsOfUnknownSwissNumbersAreThrottledPerAddressAndAuditedWithoutFlooding() throws Exception {
        VatRuntime runtime = keep(VatRuntime.create());
        Node bob = keep(Node.start(bobId, runtime, NetConfig.defaults().withAdmission(new Admission(100, 100, 1 << 20, 5)),
                PassableRegistry.empty()));
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        SturdyRef real = bob.sturdyRef(runtime.newVat("bob's").export(new NodeTest.Tally(), NodeTest.Counter.class), null);
        Node alice = keep(Node.start(aliceId, runtime, NetConfig.defaults(), PassableRegistry.empty()));
        long unknownBefore = PeerFault.UNKNOWN_SWISS.count();
        long throttledBefore = PeerFault.THROTTLED.count();

        List<String> kinds = new ArrayList<>();
        List<String> audit;
        long started = System.nanoTime();
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 40; i++) {
                SturdyRef guess = new SturdyRef(real.vatId(), real.hints(), SwissNumber.random(new SecureRandom()));
                kinds.add(problemKindOf(alice.connect(guess, Object.class)));
            }
            kinds.add(problemKindOf(alice.connect(real, Object.class)));
            audit = auditLines(log);
        }
        // The bucket refills at 5 lookups a second: on a slow machine a few more get through.
        long refilled = 5 * TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started + TimeUnit.SECONDS.toNanos(1));

        assertThat(kinds.subList(0, 5)).containsOnly("NotFound");
        List<String> guessesPast = kinds.subList(5, 40);
        long lookedUp = guessesPast.stream().filter("NotFound"::equals).count();
        assertThat(guessesPast).as("throttled: nothing is looked up").isSubsetOf("Throttled", "NotFound");
        assertThat(lookedUp).as("lookups let through by the refill, in %s", kinds).isLessThanOrEqualTo(refilled);
        assertThat(kinds.getLast()).as("the real number too, unless refilled").isIn("Throttled", "fulfilled");
        long throttled = kinds.stream().filter("Throttled"::equals).count();
        assertThat(PeerFault.UNKNOWN_SWISS.count() - unknownBefore).isEqualTo(5 + lookedUp);
        assertThat(PeerFault.THROTTLED.count() - throttledBefore).isEqualTo(throttled);
        // At most a line per kind and address a minute: the unknown-number line may have been
        // written already by an earlier test in this JVM, the throttled one only here.
        assertThat(audit).hasSizeBetween(1, 2)
                .allSatisfy(line -> assertThat(line).matches("refused sturdy-ref lookup \\((unknown swiss number|throttled)\\) "
                        + "from 127\\.0\\.0\\.1 \\(vat [a-z2-7]+\\): .*"))
                .anySatisfy(line -> assertThat(line).startsWith("refused sturdy-ref lookup (throttled) from 127.0.0.1 (vat "
                        + aliceId.vatId() + "): too many lookups"));
    }

    private static String problemKindOf(Promise<?> promise) {
        try {
            promise.join(WAIT);
            return "fulfilled";
        } catch (ProblemException e) {
            return e.problem().kind();
        }
    }

    private static List<String> auditLines(LogCapture log) {
        return log.records().stream().filter(r -> Audit.LOGGER.equals(r.getLoggerName())).map(LogRecord::getMessage).toList();
    }

    private static Socket from(String local, InetSocketAddress at) throws IOException {
        return new Socket(at.getAddress(), at.getPort(), java.net.InetAddress.getByName(local), 0);
    }

    /** Whether the server closes {@code socket} within 10 s, generous on a loaded machine, rather than waiting for its ClientHello. */
    private static boolean isClosedByServer(Socket socket) throws IOException {
        return closedWithin(socket, 10_000);
    }

    /** Whether the server is still waiting for {@code socket}'s ClientHello after 300 ms. */
    private static boolean staysOpen(Socket socket) throws IOException {
        return !closedWithin(socket, 300);
    }

    private static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
