package dev.erg.net;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Transports and handlers for tests: identities from a seed, handlers that record. */
final class Peers {

    static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private Peers() {
    }

    static VatIdentity identity(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return VatIdentity.generate(random);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@code payload} as one whole frame, length first: a link's channel writes frames as they
     * are, with no framer below the session to add the header.
     */
    static ByteBuf frame(byte[] payload) {
        return Unpooled.buffer(FrameDecoder.HEADER_BYTES + payload.length).writeInt(payload.length).writeBytes(payload);
    }

    static Transport transport(VatIdentity identity, NetConfig config) {
        try {
            return Transport.start(identity, config, PassableRegistry.empty());
        } catch (SSLException e) {
            throw new AssertionError(e);
        }
    }

    /** Records what a link receives and why it closed. */
    static final class Recording implements LinkHandler {
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final CompletableFuture<Link> link = new CompletableFuture<>();

        @Override
        public void received(Link from, Message message) {
            link.complete(from);
            received.add(message);
        }

        @Override
        public void closed(Link from, String reason) {
            closed.complete(reason);
        }

        Message next() throws InterruptedException {
            Message m = received.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 10 s");
            }
            return m;
        }
    }
}
