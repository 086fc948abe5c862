package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.codec.Unreadable;
import dev.erg.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the abort a listening session sends: it must reach the peer, with the
 * code the specification gives (section 9), even when its reason quotes the peer's own bytes
 * at length — an unknown record name or a version string can be as long as
 * {@link WireLimits#maxStringBytes()}, so a reason quoting one is longer still.
 *
 * <p>The disabled ones fail on this branch; each names the bug it guards.
 */
class AbortReasonTest {

    private static final WireLimits LIMITS = WireLimits.builder().maxStringBytes(256).build();

    private final VatIdentity serverKey = Peers.identity(21);
    private Transport server;
    private Transport client;
    private final BlockingQueue<Peers.Recording> accepted = new LinkedBlockingQueue<>();
    private InetSocketAddress at;
    private NettyWatch watch;

    @BeforeEach
    void listen() throws InterruptedException {
        watch = NettyWatch.start();
        server = Peers.transport(serverKey, NetConfig.defaults().withLimits(LIMITS));
        at = server.listen(Peers.LOOPBACK_ANY_PORT, link -> {
            Peers.Recording side = new Peers.Recording();
            accepted.add(side);
            return side;
        });
    }

    @AfterEach
    void close() {
        try {
            if (client != null) {
                client.close();
            }
            server.close();
        } finally {
            watch.close();
        }
    }

    /**
     * A record the receiver did not register, in a message's arguments, aborts nothing: the
     * message arrives with its arguments unreadable, saying which name, however long.
     */
    @Test
    void anUnknownRecordNameInArgumentsIsReadAsUnreadableAndTheLinkStays() throws Exception {
        client = Peers.transport(Peers.identity(22), NetConfig.defaults());
        Peers.Recording clientSide = new Peers.Recording();
        Link link = client.connect(server.vatId(), at, clientSide).get(10, TimeUnit.SECONDS);
        Peers.Recording serverSide = accepted.poll(10, TimeUnit.SECONDS);

        link.channel().writeAndFlush(Peers.frame(recordNamed("nobody.Knows")));
        link.channel().writeAndFlush(Peers.frame(recordNamed("x".repeat(256))));

        assertThat(((Message.DeliverOnly) serverSide.next()).args())
                .containsExactly(new Unreadable("record nobody.Knows, which is not registered here"));
        assertThat(((Message.DeliverOnly) serverSide.next()).args())
                .containsExactly(new Unreadable("record " + "x".repeat(256) + ", which is not registered here"));
        assertThat(serverSide.closed).isNotDone();
        assertThat(clientSide.closed).isNotDone();
        watch.assertNone("unknown record names");
    }

    @Test
    void aReasonQuotingALongVersionStillReachesThePeer() throws Exception {
        VatIdentity dialer = Peers.identity(23);
        byte[] start = ScriptedPeer.encode(new Message.StartSession("v".repeat(256), Bytes.of(dialer.vatId().bytes()),
                List.of()));
        try (ScriptedPeer peer = ScriptedPeer.dial(dialer, TlsProvider.BOUNCY_CASTLE, serverKey.vatId(), at, List.of(start))) {
            assertThat(peer.next()).isInstanceOf(Message.StartSession.class);
            assertThat(peer.next()).asString().startsWith("Abort[reason=version: ");
        }
        watch.assertNone("long version");
    }

    @Test
    void aStartSessionNamingAnotherVatIdIsAbortedWithTheIdentityCode() throws Exception {
        VatIdentity liar = Peers.identity(24);
        byte[] start = ScriptedPeer.encode(new Message.StartSession(Message.StartSession.PROTOCOL_VERSION,
                Bytes.of(Peers.identity(25).vatId().bytes()), List.of()));
        try (ScriptedPeer peer = ScriptedPeer.dial(liar, TlsProvider.BOUNCY_CASTLE, serverKey.vatId(), at, List.of(start))) {
            assertThat(peer.next()).isInstanceOf(Message.StartSession.class);
            assertThat(peer.next()).asString().startsWith("Abort[reason=identity: ");
        }
    }

    /** The payload of a deliver-only whose one argument is a record called {@code name}. */
    private static byte[] recordNamed(String name) {
        byte[] point = new WireCodec(RandomMessages.REGISTRY, WireLimits.defaults()).encode(
                new Message.DeliverOnly(new Descriptor.Export(0), "m", List.of(new RandomMessages.Point(1, 2))),
                RandomMessages.PASS);
        byte[] registered = "net-test.Point".getBytes(StandardCharsets.US_ASCII);
        int head = indexOf(point, registered) - 1;
        assertThat(point[head]).as("the text head of the record's name").isEqualTo((byte) (0x60 | registered.length));
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(point, 0, head);
        // The shortest head for the new length, as the deterministic encoding requires.
        if (bytes.length < 24) {
            out.write(0x60 | bytes.length);
        } else if (bytes.length < 256) {
            out.write(0x78);
            out.write(bytes.length);
        } else {
            out.write(0x79);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
        }
        out.writeBytes(bytes);
        out.write(point, head + 1 + registered.length, point.length - head - 1 - registered.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
