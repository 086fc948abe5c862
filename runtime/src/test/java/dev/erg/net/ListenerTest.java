package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatTls;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Moved;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several vats on one listener, reached by the server name they are dialed with, and redirects between listeners. */
class ListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What each vat serves. */
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
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Where the locators of this test's listeners say vats live. */
    private final Map<VatId, List<String>> directory = new ConcurrentHashMap<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        runtime.close();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private Listener listener(VatIdentity host) throws InterruptedException {
        return open(Listener.bind(Peers.LOOPBACK_ANY_PORT, host, NetConfig.defaults(),
                vat -> directory.getOrDefault(vat, List.of())));
    }

    private Node node(VatIdentity identity, Listener listener) {
        return open(Node.start(identity, runtime, PassableRegistry.empty(), listener));
    }

    private Node dialer(long seed) throws Exception {
        return open(Node.start(Peers.identity(seed), runtime, NetConfig.defaults(), PassableRegistry.empty()));
    }

    private SturdyRef counterOf(Node node) {
        Vat vat = runtime.newVat("counter of " + node.vatId());
        return node.sturdyRef(vat.export(new Tally(), Counter.class), null);
    }

    private static SturdyRef at(SturdyRef ref, List<InetSocketAddress> hints) {
        return new SturdyRef(ref.vatId(), hints, ref.swiss());
    }

    private static List<InetSocketAddress> hintsOf(Listener listener) {
        return List.of(InetSocketAddress.createUnresolved("127.0.0.1", listener.address().getPort()));
    }

    private static String hintOf(Listener listener) {
        return "127.0.0.1:" + listener.address().getPort();
    }

    @Test
    void vatsSharingAListenerAreEachReachedByTheirOwnSturdyRef() throws Exception {
        VatIdentity hostId = Peers.identity(61);
        Listener listener = listener(hostId);
        Node host = node(hostId, listener);
        Node first = node(Peers.identity(62), listener);
        Node second = node(Peers.identity(63), listener);
        SturdyRef[] refs = {counterOf(host), counterOf(first), counterOf(second)};
        Node alice = dialer(60);

        for (int i = 0; i < refs.length; i++) {
            Counter counter = alice.connect(refs[i], Counter.class).join(WAIT);
            assertThat(counter.increment(i + 1).join(WAIT)).isEqualTo(i + 1L);
            assertThat(counter.increment(10).join(WAIT)).isEqualTo(i + 11L);
        }

        assertThat(refs).extracting(SturdyRef::hints).containsOnly(hintsOf(listener));
        assertThat(alice.peers()).extracting(PeerStatus::peer)
                .containsExactlyInAnyOrder(host.vatId(), first.vatId(), second.vatId());
        assertThat(first.peers()).extracting(PeerStatus::peer).containsExactly(alice.vatId());
    }

    @Test
    void withBouncyCastlesTlsKeysAreChosenAndRedirectsFollowedAlike() throws Exception {
        NetConfig bouncy = NetConfig.defaults().withTlsProvider(TlsProvider.BOUNCY_CASTLE);
        Listener old = open(Listener.bind(Peers.LOOPBACK_ANY_PORT, Peers.identity(161), bouncy,
                vat -> directory.getOrDefault(vat, List.of())));
        Listener now = open(Listener.bind(Peers.LOOPBACK_ANY_PORT, Peers.identity(162), bouncy, VatLocator.none()));
        Node placed = open(Node.start(Peers.identity(163), runtime, PassableRegistry.empty(), now));
        open(Node.start(Peers.identity(162), runtime, PassableRegistry.empty(), now));
        SturdyRef direct = counterOf(placed);
        directory.put(placed.vatId(), List.of(hintOf(now)));
        Node alice = open(Node.start(Peers.identity(160), runtime, bouncy, PassableRegistry.empty()));

        assertThat(alice.connect(direct, Counter.class).join(WAIT).increment(1).join(WAIT)).isEqualTo(1L);
        assertThat(dialer(164).connect(at(direct, hintsOf(old)), Counter.class).join(WAIT).increment(1).join(WAIT))
                .isEqualTo(2L);
    }

    @Test
    void aDialerThatNamesNoVatReachesTheHost() throws Exception {
        VatIdentity hostId = Peers.identity(71);
        Listener listener = listener(hostId);
        node(hostId, listener);
        node(Peers.identity(72), listener);

        VatTls client = VatTls.of(Peers.identity(70), TlsProvider.JDK);
        SSLContext context = SSLContext.getInstance(VatTls.PROTOCOL, client.jsseProvider());
        context.init(new KeyManager[] {client.keyManager()},
                new TrustManager[] {client.trustManagerForDialing(hostId.vatId())}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), listener.address().getPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"erg/1"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();

            assertThat(socket.getSSLParameters().getServerNames()).isNullOrEmpty();
            assertThat(VatTls.peerOf(socket.getSession())).isEqualTo(hostId.vatId());
            assertThat(socket.getApplicationProtocol()).isEqualTo("erg/1");
        }
    }

    @Test
    void aDetachedVatIsNoLongerReachedUntilAttachedAgain() throws Exception {
        Listener listener = listener(Peers.identity(81));
        Node placed = node(Peers.identity(82), listener);
        SturdyRef ref = counterOf(placed);
        assertThat(dialer(80).connect(ref, Counter.class).join(WAIT).increment(1).join(WAIT)).isEqualTo(1L);

        assertThat(listener.detach(placed)).isTrue();
        assertThat(listener.hosts(placed.vatId())).isFalse();
        Problem refused = problemOf(dialer(83).connect(ref, Counter.class));
        assertThat(refused.kind()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(refused.message()).contains("does not host vat " + placed.vatId());
        assertThat(placed.peers()).hasSize(1);

        listener.attach(placed);
        assertThat(dialer(84).connect(ref, Counter.class).join(WAIT).increment(1).join(WAIT)).isEqualTo(2L);
    }

    @Test
    void aNodeIsAttachedToTheListenerItWasStartedOnAlone() throws Exception {
        Listener one = listener(Peers.identity(91));
        Listener other = listener(Peers.identity(92));
        Node placed = node(Peers.identity(93), one);

        assertThatThrownBy(() -> other.attach(placed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Node.start(Peers.identity(93), runtime, PassableRegistry.empty(), one))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another transport of vat " + placed.vatId());
        assertThat(other.detach(placed)).isFalse();
        assertThat(one.hosts(placed.vatId())).isTrue();

        placed.close();
        assertThat(one.hosts(placed.vatId())).isFalse();
    }

    @Test
    void aRedirectIsFollowedToTheListenerThatHostsTheVat() throws Exception {
        Listener old = listener(Peers.identity(101));
        Listener now = listener(Peers.identity(102));
        Node moved = node(Peers.identity(103), now);
        SturdyRef issuedAtOld = at(counterOf(moved), hintsOf(old));
        directory.put(moved.vatId(), List.of(hintOf(now)));

        Counter counter = dialer(100).connect(issuedAtOld, Counter.class).join(WAIT);

        assertThat(counter.increment(3).join(WAIT)).isEqualTo(3L);
        assertThat(moved.peers()).hasSize(1);
    }

    @Test
    void aReconnectingReferenceFollowsARedirect() throws Exception {
        Listener old = listener(Peers.identity(111));
        Listener now = listener(Peers.identity(112));
        Node moved = node(Peers.identity(113), now);
        SturdyRef issuedAtOld = at(counterOf(moved), hintsOf(old));
        directory.put(moved.vatId(), List.of(hintOf(now)));

        try (Reconnecting<Counter> counter = dialer(110).reconnecting(issuedAtOld, Counter.class,
                AwayPolicy.queue(10, WAIT))) {
            assertThat(counter.reference().increment(4).join(WAIT)).isEqualTo(4L);
        }
    }

    @Test
    void redirectsThatGoRoundAreFollowedAFewTimesThenGivenUpSayingSo() throws Exception {
        Listener looping = listener(Peers.identity(121));
        VatId elsewhere = Peers.identity(122).vatId();
        directory.put(elsewhere, List.of(hintOf(looping)));
        SturdyRef ref = new SturdyRef(elsewhere, hintsOf(looping), SwissNumber.random(new SecureRandom()));

        Problem gaveUp = problemOf(dialer(120).connect(ref, Counter.class));

        assertThat(gaveUp.kind()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(gaveUp.message()).contains("gave up after 3 redirects: vat " + elsewhere + " is not at")
                .contains("redirected to " + hintOf(looping));
    }

    @Test
    void aVatNeitherHereNorLocatedIsRefusedSayingTheServerDoesNotHostIt() throws Exception {
        Listener listener = listener(Peers.identity(131));
        VatId unknown = Peers.identity(132).vatId();
        SturdyRef ref = new SturdyRef(unknown, hintsOf(listener), SwissNumber.random(new SecureRandom()));

        Problem refused = problemOf(dialer(130).connect(ref, Counter.class));

        assertThat(refused.message()).isEqualTo("cannot reach vat " + unknown + ": the server at "
                + hintOf(listener) + " does not host vat " + unknown + " (TLS alert unrecognized_name)");
    }

    @Test
    void aForgedRedirectToAServerWithAnotherKeyFailsOnTheVatsIdentity() throws Exception {
        VatIdentity mallory = Peers.identity(143);
        Impostor impostor = open(Impostor.start(mallory, "erg/1", new byte[0]));
        Listener forging = listener(Peers.identity(141));
        Node real = node(Peers.identity(142), listener(Peers.identity(144)));
        directory.put(real.vatId(), impostor.hints());
        SturdyRef viaForger = at(counterOf(real), hintsOf(forging));

        Problem refused = problemOf(dialer(140).connect(viaForger, Counter.class));

        assertThat(refused.message()).contains("server vat id: expected " + real.vatId() + ", got " + mallory.vatId());
        assertThat(real.peers()).isEmpty();
    }

    @Test
    void malformedOrOversizedRedirectFramesAreClearErrorsThatHurtNothing() throws Exception {
        VatId wanted = Peers.identity(152).vatId();
        Node alice = dialer(150);
        byte[] garbage = frame("not cbor".getBytes(StandardCharsets.US_ASCII));
        byte[] oversized = ByteBuffer.allocate(8).putInt(Moved.MAX_FRAME_BYTES + 1).putInt(0).array();
        byte[] otherVat = frame(new Moved(Bytes.of(Peers.identity(153).vatId().bytes()), List.of("127.0.0.1:1")).encode());

        assertThat(redirectProblem(alice, wanted, garbage)).contains("malformed redirect from").contains("malformed: ");
        assertThat(redirectProblem(alice, wanted, oversized))
                .contains("limit: frame length: " + (Moved.MAX_FRAME_BYTES + 1) + " (expected: <= " + Moved.MAX_FRAME_BYTES + ")");
        assertThat(redirectProblem(alice, wanted, otherVat))
                .contains("names vat " + Peers.identity(153).vatId() + ", not vat " + wanted + " that was dialed");
        assertThat(redirectProblem(alice, wanted, new byte[] {0, 0}))
                .contains("closed before saying where to");

        Listener listener = listener(Peers.identity(154));
        SturdyRef ref = counterOf(node(Peers.identity(155), listener));
        assertThat(alice.connect(ref, Counter.class).join(WAIT).increment(1).join(WAIT)).isEqualTo(1L);
    }

    /** The problem of dialing {@code wanted} at a server that redirects with {@code bytes}. */
    private String redirectProblem(Node dialer, VatId wanted, byte[] bytes) throws Exception {
        try (Impostor impostor = Impostor.start(Peers.identity(151), VatTls.REDIRECT_PROTOCOL, bytes)) {
            SturdyRef ref = new SturdyRef(wanted, List.of(impostor.address()),
                    SwissNumber.random(new SecureRandom()));
            return problemOf(dialer.connect(ref, Counter.class)).message();
        }
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
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
