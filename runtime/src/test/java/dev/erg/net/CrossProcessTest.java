package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkException;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ReferenceEncoder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Vats in separate JVMs, each a {@link LinkProbe}, authenticate each other with mutual TLS 1.3
 * over loopback and refuse a process that listens with another key:
 * <ul>
 *   <li>A listens with a key the test wrote (JDK TLS);
 *   <li>B generates and saves its own key (Bouncy Castle TLS) and dials A on command;
 *   <li>M, the impostor, listens with a third key (Bouncy Castle TLS).
 * </ul>
 * The probes are started once for the class, in parallel, and stopped (stdin closed, then
 * killed if need be) after it.
 *
 * <p>Message arguments are drawn from {@code -Derg.net.seed} (printed on failure).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CrossProcessTest {

    private static final long SEED = Long.getLong("erg.net.seed", 0xc4055L);

    @TempDir
    static Path dir;

    private static final VatIdentity A_KEY = Peers.identity(101);
    private static final VatIdentity M_KEY = Peers.identity(103);
    private static ProbeProcess a;
    private static ProbeProcess b;
    private static ProbeProcess m;

    private Transport local;

    @BeforeAll
    static void startProbes() throws Exception {
        A_KEY.save(dir.resolve("a.pem"), null);
        M_KEY.save(dir.resolve("m.pem"), null);
        // Started together, then awaited: JVM start-ups overlap. If this fails half-way,
        // stopProbes still runs and stops those started.
        a = ProbeProcess.start("a", dir.resolve("a.pem"), TlsProvider.JDK, dir);
        b = ProbeProcess.start("b", dir.resolve("b.pem"), TlsProvider.BOUNCY_CASTLE, dir);
        m = ProbeProcess.start("m", dir.resolve("m.pem"), TlsProvider.BOUNCY_CASTLE, dir);
        a.awaitReady();
        b.awaitReady();
        m.awaitReady();
    }

    @AfterAll
    static void stopProbes() throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (ProbeProcess probe : new ProbeProcess[] {a, b, m}) {
            if (probe != null) {
                int exit = probe.stop();
                if (exit != 0) {
                    failures.add(probe.name() + " exited " + exit + " after its stdin closed (-1: had to be killed); "
                            + probe.describe());
                }
                assertThat(probe.isAlive()).as("probe %s is gone", probe.name()).isFalse();
            }
        }
        a = b = m = null;
        assertThat(failures).as("probes that did not exit cleanly when their stdin closed").isEmpty();
    }

    @AfterEach
    void closeLocal() {
        if (local != null) {
            local.close();
        }
    }

    private static InetSocketAddress at(ProbeProcess probe) {
        return new InetSocketAddress("127.0.0.1", probe.port());
    }

    @Test
    void eachProbeProvesTheVatIdOfItsKeyFile() throws Exception {
        assertThat(a.vatId()).isEqualTo(A_KEY.vatId());
        assertThat(m.vatId()).isEqualTo(M_KEY.vatId());
        // B had no key file: it generated a key and saved it where it was told.
        Path bKey = dir.resolve("b.pem");
        assertThat(bKey).exists();
        assertThat(VatIdentity.load(bKey, null).vatId()).isEqualTo(b.vatId());
        assertThat(List.of(a.vatId(), b.vatId(), m.vatId())).doesNotHaveDuplicates();
    }

    /** (a) This JVM dials probe A with either TLS provider; A's JDK TLS serves both. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void thisJvmAndAProbeAuthenticateEachOtherAndMessagesRoundTrip(TlsProvider provider) throws Exception {
        local = Peers.transport(Peers.identity(200 + provider.ordinal()), NetConfig.defaults().withTlsProvider(provider));
        Peers.Recording side = new Peers.Recording();
        Link link = local.connect(a.vatId(), at(a), side).get(15, TimeUnit.SECONDS);

        assertThat(link.peer()).as("the vat id this JVM proved A to be").isEqualTo(A_KEY.vatId());
        // A, in its own process, authenticated this JVM's key.
        a.awaitLine(line -> line.equals("ACCEPTED " + local.vatId()));

        Random random = new Random(SEED + provider.ordinal());
        RandomMessages messages = new RandomMessages(random, true);
        for (int i = 0; i < 5; i++) {
            Message sent = new Message.DeliverOnly(new Descriptor.Export(i), "echo-" + i, messages.args());
            link.send(sent, ReferenceEncoder.none());
            Message echoed = side.next();
            assertThat(RandomMessages.normalized(echoed))
                    .as("seed %d, message %d: %s echoed by A as %s", SEED + provider.ordinal(), i, sent, echoed)
                    .isEqualTo(RandomMessages.normalized(sent));
        }

        link.abort("done with A");
        assertThat(side.closed.get(10, TimeUnit.SECONDS)).isEqualTo("done with A");
        a.awaitLine(line -> line.equals("CLOSED " + local.vatId() + " peer aborted: done with A"));
    }

    /** (b) Two probe processes, neither of them this JVM, link and exchange a message. */
    @Test
    void twoProbeProcessesAuthenticateEachOther() throws Exception {
        b.send("dial 127.0.0.1:" + a.port() + " " + a.vatId());
        assertThat(b.awaitLine(line -> line.startsWith("LINKED ") || line.startsWith("REFUSED ")))
                .isEqualTo("LINKED " + a.vatId());
        a.awaitLine(line -> line.equals("ACCEPTED " + b.vatId()));
        // B's probe message went to A and came back.
        b.awaitLine(line -> line.equals("ECHOED " + a.vatId() + " probe from-" + b.vatId()));
    }

    /**
     * (c) This JVM expects A but reaches M, which holds another key: the dial is refused. M
     * listens honestly, so it refuses first, saying it does not host A; a server that shows
     * another key instead is refused by the dialer's pinning (TransportTest, ListenerTest).
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void thisJvmRefusesAnImpostorProcess(TlsProvider provider) throws Exception {
        local = Peers.transport(Peers.identity(210 + provider.ordinal()), NetConfig.defaults().withTlsProvider(provider));
        Peers.Recording side = new Peers.Recording();
        CompletableFuture<Link> dial = local.connect(a.vatId(), at(m), side);
        assertThatThrownBy(() -> dial.get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("does not host vat " + a.vatId());
        assertThat(side.closed).as("a refused dial never makes a link").isNotDone();
        assertThat(side.received).isEmpty();
        assertThat(m.sync()).as("M's output").noneMatch(line -> line.startsWith("ACCEPTED " + local.vatId()));
    }

    /** (c) A probe process expects A and reaches M: refused, with the reason. */
    @Test
    void aProbeRefusesAnImpostorProcess() throws Exception {
        b.send("dial 127.0.0.1:" + m.port() + " " + a.vatId());
        assertThat(b.awaitLine(line -> line.startsWith("REFUSED ")))
                .contains("does not host vat " + a.vatId());
        assertThat(b.sync()).noneMatch(line -> line.equals("LINKED " + m.vatId()));
        assertThat(m.sync()).noneMatch(line -> line.equals("ACCEPTED " + b.vatId()));
    }

    /**
     * (d) A client proves key L in TLS but claims, in its start-session, to be A: probe A
     * sends its own start-session, then aborts, saying which id was claimed and which key was
     * shown, and never hands the link to its application.
     */
    @Test
    void aClientWhoseStartSessionClaimsAnotherVatIdIsAborted() throws Exception {
        VatIdentity liar = Peers.identity(300);
        byte[] lie = ScriptedPeer.encode(new Message.StartSession(Message.StartSession.PROTOCOL_VERSION,
                Bytes.of(a.vatId().bytes()), List.of()));
        try (ScriptedPeer peer = ScriptedPeer.dial(liar, TlsProvider.BOUNCY_CASTLE, a.vatId(), at(a), List.of(lie))) {
            peer.handshake.get(15, TimeUnit.SECONDS);
            Object first = peer.next();
            assertThat(first).isInstanceOf(Message.StartSession.class);
            assertThat(VatId.fromBytes(((Message.StartSession) first).vatId().toByteArray())).isEqualTo(a.vatId());
            // The reason names the id claimed and the id of the key shown. (Its code is checked,
            // against the specification, by AbortReasonTest.)
            Object abort = peer.next();
            assertThat(abort).isInstanceOf(Message.Abort.class);
            assertThat(((Message.Abort) abort).reason()).contains(a.vatId().toString(), liar.vatId().toString());
            peer.closed.get(10, TimeUnit.SECONDS);
        }
        assertThat(a.sync()).as("A's output")
                .noneMatch(line -> line.startsWith("ACCEPTED " + liar.vatId()))
                .noneMatch(line -> line.startsWith("ACCEPTED " + a.vatId()));
    }
}
