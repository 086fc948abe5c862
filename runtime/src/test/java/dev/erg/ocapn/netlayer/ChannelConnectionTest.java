package dev.erg.ocapn.netlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.Session;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpReader;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.OperationStream;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.session.Endpoint;
import dev.erg.ocapn.session.OcapnBootstrap;
import dev.erg.ocapn.session.OcapnConnection;
import dev.erg.ocapn.session.StartSessions;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel's bytes reach its connection unframed, in pieces of any size, and bad input closes it. */
class ChannelConnectionTest {

    private static final PeerLocator ME = new PeerLocator("me", "tcp-testing-only", Map.of());
    private static final PeerLocator PEER = new PeerLocator("peer", "tcp-testing-only", Map.of());
    private static final WireLimits LIMITS = WireLimits.defaults().toBuilder().maxFrameBytes(512).build();

    private final VatRuntime runtime = VatRuntime.builder().scheduler(new DeterministicScheduler(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final OcapnPeers peers = new OcapnPeers(random);
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelConnection(wire -> OcapnConnection.accepting(
            new Endpoint(runtime.newVat("session"), runtime.newVat("me").export(
                    new OcapnBootstrap(new SturdyTable(random, runtime.timer())), Bootstrap.class),
                    ME, LIMITS, Session.DEFAULT_MAX_ENTRIES), wire, peers)));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        runtime.close();
    }

    @Test
    void aStartSessionArrivingAByteAtATimeIsAnsweredOnceWhole() {
        byte[] hello = CaptpWriter.plain(LIMITS).encode(StartSessions.sign(VatIdentity.generate(random), PEER));
        for (int i = 0; i < hello.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(hello, i, 1));
            assertThat(written()).isEmpty();
        }
        channel.writeInbound(Unpooled.wrappedBuffer(hello, hello.length - 1, 1));
        List<Operation> answer = written();
        assertThat(answer).hasSize(1).first().isInstanceOf(Operation.StartSession.class);
        assertThat(((Operation.StartSession) answer.getFirst()).location()).isEqualTo(ME);
        assertThat(peers.sessionCount()).isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anOperationLongerThanTheFrameLimitIsAbortedBeforeItEnds() {
        channel.writeInbound(Unpooled.copiedBuffer("<8'op:abort9999\"" + "x".repeat(600), StandardCharsets.US_ASCII));
        List<Operation> answer = written();
        assertThat(answer).hasSize(1);
        assertThat(((Operation.Abort) answer.getFirst()).reason()).isEqualTo(
                "limit: operation longer than 512 bytes at offset 0 (expected: <= 512)");
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void nothingAfterBadBytesIsActedOn() {
        byte[] hello = CaptpWriter.plain(LIMITS).encode(StartSessions.sign(VatIdentity.generate(random), PEER));
        ByteBuf both = Unpooled.buffer();
        both.writeBytes("00+".getBytes(StandardCharsets.US_ASCII)).writeBytes(hello);
        channel.writeInbound(both);
        List<Operation> answer = written();
        assertThat(answer).hasSize(1);
        assertThat(((Operation.Abort) answer.getFirst()).reason())
                .isEqualTo("type-mismatch: integer at offset 0 (expected: an operation, a record)");
        assertThat(peers.sessionCount()).isZero();
    }

    @Test
    void aPeerSilentPastTheHelloTimeoutIsAborted() {
        EmbeddedChannel silent = new EmbeddedChannel(new ChannelConnection(wire -> OcapnConnection.accepting(
                new Endpoint(runtime.newVat("quiet"), runtime.newVat("host").export(
                        new OcapnBootstrap(new SturdyTable(random, runtime.timer())), Bootstrap.class),
                        ME, LIMITS, Session.DEFAULT_MAX_ENTRIES), wire, peers), Duration.ofSeconds(3)));
        silent.advanceTimeBy(2, TimeUnit.SECONDS);
        silent.runScheduledPendingTasks();
        assertThat(silent.isOpen()).isTrue();
        silent.advanceTimeBy(2, TimeUnit.SECONDS);
        silent.runScheduledPendingTasks();
        silent.runPendingTasks();
        ByteBuf out = silent.readOutbound();
        assertThat(new OperationStream(CaptpReader.plain(LIMITS), LIMITS).feed(ByteBufUtil.getBytes(out)))
                .containsExactly(new Operation.Abort("protocol: no op:start-session within 3 seconds"));
        out.release();
        assertThat(silent.isOpen()).isFalse();
        silent.finishAndReleaseAll();
    }

    private List<Operation> written() {
        OperationStream stream = new OperationStream(CaptpReader.plain(LIMITS), LIMITS);
        List<Operation> all = new ArrayList<>();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            all.addAll(stream.feed(ByteBufUtil.getBytes(out)));
            out.release();
        }
        return all;
    }
}
