package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.link.LinkException;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ReferenceEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportTest {

    private final VatIdentity aliceId = Peers.identity(1);
    private final VatIdentity bobId = Peers.identity(2);
    private Transport alice;
    private Transport bob;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    private static Message.DeliverOnly hello(String text) {
        return new Message.DeliverOnly(new Descriptor.Export(0), "hear", List.of(text, 42L));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void twoRuntimesAuthenticateEachOtherAndExchangeMessages(TlsProvider provider) throws Exception {
        NetConfig config = NetConfig.defaults().withTlsProvider(provider);
        alice = Peers.transport(aliceId, config);
        bob = Peers.transport(bobId, config);
        Peers.Recording bobSide = new Peers.Recording();
        CompletableFuture<Link> accepted = new CompletableFuture<>();
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> {
            accepted.complete(link);
            return bobSide;
        });
        Peers.Recording aliceSide = new Peers.Recording();
        Link toBob = alice.connect(bobId.vatId(), at, aliceSide).get(10, TimeUnit.SECONDS);
        Link toAlice = accepted.get(10, TimeUnit.SECONDS);

        assertThat(toBob.peer()).isEqualTo(bobId.vatId());
        assertThat(toAlice.peer()).isEqualTo(aliceId.vatId());
        io.netty.handler.ssl.SslHandler tls = channelOf(toBob).pipeline().get(io.netty.handler.ssl.SslHandler.class);
        assertThat(tls.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(tls.engine().getApplicationProtocol()).isEqualTo("erg/1");
        assertThat(toBob.peerKey().toByteArray()).isEqualTo(dev.erg.crypto.Signatures.rawPublicKey(bobId.publicKey()));
        assertThat(toAlice.peerKey().toByteArray()).isEqualTo(dev.erg.crypto.Signatures.rawPublicKey(aliceId.publicKey()));
        assertThat(toAlice.peerHints()).isEmpty();
        assertThat(toBob.peerHints()).containsExactly("127.0.0.1:" + at.getPort());
        if (provider == TlsProvider.JDK) {
            assertThat(toBob.sessionId()).isPresent().isEqualTo(toAlice.sessionId());
            assertThat(toBob.sessionId().get().length()).isEqualTo(32);
            Link again = alice.connect(bobId.vatId(), at, new Peers.Recording()).get(10, TimeUnit.SECONDS);
            assertThat(again.sessionId()).isPresent().isNotEqualTo(toBob.sessionId());
        } else {
            assertThat(toBob.sessionId()).isEmpty();
        }

        toBob.send(hello("hi bob"), ReferenceEncoder.none());
        assertThat(bobSide.next()).isEqualTo(hello("hi bob"));
        toAlice.send(hello("hi alice"), ReferenceEncoder.none());
        assertThat(aliceSide.next()).isEqualTo(hello("hi alice"));

        toBob.abort("done for today");
        assertThat(bobSide.closed.get(10, TimeUnit.SECONDS)).isEqualTo("peer aborted: done for today");
        assertThat(aliceSide.closed.get(10, TimeUnit.SECONDS)).isEqualTo("done for today");
    }

    @Test
    void aPausedLinkReadsNothingUntilResumed() throws Exception {
        alice = Peers.transport(aliceId, NetConfig.defaults());
        bob = Peers.transport(bobId, NetConfig.defaults());
        Peers.Recording bobSide = new Peers.Recording();
        CompletableFuture<Link> accepted = new CompletableFuture<>();
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> {
            accepted.complete(link);
            return bobSide;
        });
        Link toBob = alice.connect(bobId.vatId(), at, new Peers.Recording()).get(10, TimeUnit.SECONDS);
        Link toAlice = accepted.get(10, TimeUnit.SECONDS);
        toAlice.pauseReading();
        channelOf(toAlice).eventLoop().submit(() -> { }).sync();
        for (int i = 0; i < 3; i++) {
            toBob.send(hello("queued " + i), ReferenceEncoder.none());
        }
        assertThat(bobSide.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        toAlice.resumeReading();
        for (int i = 0; i < 3; i++) {
            assertThat(bobSide.next()).isEqualTo(hello("queued " + i));
        }
    }

    @Test
    void aDialerRefusesAServerWithAnotherKeyAndSaysWhy() throws Exception {
        VatIdentity mallory = Peers.identity(3);
        alice = Peers.transport(aliceId, NetConfig.defaults());
        try (Impostor impostor = Impostor.start(mallory, "erg/1", new byte[0])) {
            CompletableFuture<Link> dial = alice.connect(bobId.vatId(), impostor.address(), new Peers.Recording());
            assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(LinkException.class)
                    .hasMessageContaining("server vat id: expected " + bobId.vatId() + ", got " + mallory.vatId());
        }
    }

    @Test
    void aListenerThatDoesNotHostTheVatNamedSaysSo() throws Exception {
        alice = Peers.transport(aliceId, NetConfig.defaults());
        bob = Peers.transport(Peers.identity(3), NetConfig.defaults());
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> new Peers.Recording());
        CompletableFuture<Link> dial = alice.connect(bobId.vatId(), at, new Peers.Recording());
        assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(LinkException.class)
                .hasMessage("the server at 127.0.0.1:" + at.getPort() + " does not host vat " + bobId.vatId() + " (TLS alert unrecognized_name)");
    }

    @Test
    void aBadFrameAbortsThatSessionAloneWithAReason() throws Exception {
        alice = Peers.transport(aliceId, NetConfig.defaults());
        bob = Peers.transport(bobId, NetConfig.defaults());
        List<Peers.Recording> bobSides = new java.util.concurrent.CopyOnWriteArrayList<>();
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> {
            Peers.Recording r = new Peers.Recording();
            bobSides.add(r);
            return r;
        });
        Peers.Recording good = new Peers.Recording();
        Link goodLink = alice.connect(bobId.vatId(), at, good).get(10, TimeUnit.SECONDS);
        Peers.Recording bad = new Peers.Recording();
        Link badLink = alice.connect(bobId.vatId(), at, bad).get(10, TimeUnit.SECONDS);

        // A frame holding a bare integer where a tagged message must be.
        channelOf(badLink).writeAndFlush(Peers.frame(new byte[] {0x18, 0x20}));
        assertThat(bad.closed.get(10, TimeUnit.SECONDS))
                .isEqualTo("peer aborted: type-mismatch: unsigned integer at $ (expected: a message, tag 40960)");

        goodLink.send(hello("still here"), ReferenceEncoder.none());
        awaitMessage(bobSides, hello("still here"));
    }

    @Test
    void anAbortReachesAPeerThatReadsSlowlyBehindEverythingQueuedBeforeIt() throws Exception {
        alice = Peers.transport(aliceId, NetConfig.defaults());
        bob = Peers.transport(bobId, NetConfig.defaults());
        String big = "x".repeat(60_000);
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> new LinkHandler() {
            @Override
            public void received(Link from, Message message) {
                from.send(hello(big), ReferenceEncoder.none());
            }

            @Override
            public void closed(Link from, String reason) {
            }
        });
        Peers.Recording side = new Peers.Recording();
        Link link = alice.connect(bobId.vatId(), at, side).get(10, TimeUnit.SECONDS);
        link.pauseReading();
        int calls = 400;
        for (int i = 0; i < calls; i++) {
            link.send(hello("call " + i), ReferenceEncoder.none());
        }
        // About 24 MB of answers wait at Bob when this bad frame makes him abort.
        channelOf(link).writeAndFlush(Peers.frame(new byte[] {0x18, 0x20}));
        Thread.sleep(500);
        link.resumeReading();

        assertThat(side.closed.get(60, TimeUnit.SECONDS)).startsWith("peer aborted: type-mismatch");
        assertThat(side.received).hasSize(calls).allMatch(hello(big)::equals);
    }

    @Test
    void anOversizedFrameIsRefusedBeforeItsPayloadArrives() throws Exception {
        NetConfig small = NetConfig.defaults().withLimits(dev.erg.wire.WireLimits.builder().maxFrameBytes(1024).build());
        alice = Peers.transport(aliceId, NetConfig.defaults());
        bob = Peers.transport(bobId, small);
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> new Peers.Recording());
        Peers.Recording side = new Peers.Recording();
        Link link = alice.connect(bobId.vatId(), at, side).get(10, TimeUnit.SECONDS);
        // Only a header that announces 1 GiB; the payload never comes.
        ByteBuf header = Unpooled.buffer(4).writeInt(1 << 30);
        channelOf(link).pipeline().context("frames").writeAndFlush(header);
        assertThat(side.closed.get(10, TimeUnit.SECONDS))
                .startsWith("peer aborted: limit")
                .contains(String.valueOf(1 << 30), "1024");
    }

    @Test
    void aSilentPeerIsDroppedAfterTheHandshakeTimeout() throws Exception {
        bob = Peers.transport(bobId, NetConfig.defaults().withHandshakeTimeout(Duration.ofMillis(200)));
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> new Peers.Recording());
        try (java.net.Socket silent = new java.net.Socket(at.getAddress(), at.getPort())) {
            silent.setSoTimeout(10_000);
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aPeerHeardFromNothingIsTakenToBeGoneWhileHeartbeatsKeepAQuietLinkOpen() throws Exception {
        NetConfig beating = NetConfig.defaults().withHeartbeat(Duration.ofMillis(100));
        bob = Peers.transport(bobId, beating);
        java.util.concurrent.BlockingQueue<Peers.Recording> bobSides = new java.util.concurrent.LinkedBlockingQueue<>();
        InetSocketAddress at = bob.listen(Peers.LOOPBACK_ANY_PORT, link -> {
            Peers.Recording r = new Peers.Recording();
            bobSides.add(r);
            return r;
        });

        alice = Peers.transport(aliceId, beating);
        Link quietButAlive = alice.connect(bobId.vatId(), at, new Peers.Recording()).get(10, TimeUnit.SECONDS);
        Peers.Recording aliveAtBob = bobSides.poll(10, TimeUnit.SECONDS);

        Transport silent = Peers.transport(Peers.identity(9), NetConfig.defaults().withHeartbeat(Duration.ZERO));
        try {
            silent.connect(bobId.vatId(), at, new Peers.Recording()).get(10, TimeUnit.SECONDS);
            Peers.Recording silentAtBob = bobSides.poll(10, TimeUnit.SECONDS);
            assertThat(silentAtBob.closed.get(10, TimeUnit.SECONDS)).isEqualTo("idle: nothing heard from the peer for 300 ms");
            assertThat(aliveAtBob.closed).isNotDone();
            assertThat(quietButAlive.isOpen()).isTrue();
            assertThat(aliveAtBob.received.poll(1, TimeUnit.SECONDS))
                    .isEqualTo(new Message.DeliverOnly(new Descriptor.Export(0), "ping", List.of()));
        } finally {
            silent.close();
        }
    }

    @Test
    void transportPrefersEpollOnLinux() {
        alice = Peers.transport(aliceId, NetConfig.defaults());
        assertThat(alice.usesEpoll()).isEqualTo(io.netty.channel.epoll.Epoll.isAvailable());
    }

    private static Channel channelOf(Link link) {
        return link.channel();
    }

    private static void awaitMessage(List<Peers.Recording> sides, Message expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Peers.Recording r : sides) {
                if (r.received.contains(expected)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no session received " + expected);
    }
}
