package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.net.link.LinkChannel;
import dev.erg.vat.PeerFault;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.WireLimits;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * What a connection's failures are taken for: the network's (not logged), the peer's
 * (counted, a line without a trace), or the runtime's own bug (a line with its trace, once).
 */
class LinkChannelFaultsTest {

    /** An exception no other test throws, so that its kind is new to the process-wide limiter. */
    private static final class HandlerBug extends RuntimeException {
        HandlerBug(String message) {
            super(message);
        }
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new LinkChannel(new WireCodec(PassableRegistry.empty(), WireLimits.defaults()),
                Peers.identity(51).vatId(), List.of(), null, link -> {
                    throw new AssertionError("no link opens here");
                }, null, TimeUnit.SECONDS.toNanos(30), 0));
    }

    @Test
    void anExceptionOfTheRuntimeIsABugLoggedWithItsTraceOnce() {
        List<LogRecord> logged;
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                EmbeddedChannel channel = channel();
                channel.pipeline().fireExceptionCaught(new HandlerBug("bug " + i));
                assertThat(channel.isOpen()).isFalse();
            }
            logged = log.records();
        }

        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).contains("failed on a bug in the runtime: ").contains("bug 0");
            assertThat(r.getThrown()).hasMessage("bug 0");
        });
    }

    @Test
    void aNetworkFailureIsNeitherCountedNorLogged() {
        long protocol = PeerFault.PROTOCOL.count();
        long handshake = PeerFault.HANDSHAKE.count();
        List<LogRecord> logged;
        try (LogCapture log = LogCapture.start()) {
            EmbeddedChannel channel = channel();
            channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
            assertThat(channel.isOpen()).isFalse();
            logged = log.records();
        }

        assertThat(logged).isEmpty();
        assertThat(PeerFault.PROTOCOL.count()).isEqualTo(protocol);
        assertThat(PeerFault.HANDSHAKE.count()).isEqualTo(handshake);
    }

    @Test
    void aTlsFailureDuringTheHandshakeIsTheHandshakesAndCountedOnce() {
        long before = PeerFault.HANDSHAKE.count();
        EmbeddedChannel channel = channel();
        // As SslHandler reports it: wrapped, and perhaps more than once.
        channel.pipeline().fireExceptionCaught(new DecoderException(new SSLHandshakeException("bad certificate")));
        channel.pipeline().fireExceptionCaught(new DecoderException(new SSLHandshakeException("bad certificate")));

        assertThat(channel.isOpen()).isFalse();
        assertThat(PeerFault.HANDSHAKE.count() - before).isEqualTo(1);
    }
}
