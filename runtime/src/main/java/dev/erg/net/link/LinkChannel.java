package dev.erg.net.link;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatTls;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.Moved;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The last handler of a connection's pipeline: it finishes the session handshake (TLS, then
 * start-session in both directions, checking that the vat id the peer claims is the one its
 * key proves), then decodes each frame into a message for the {@link LinkHandler}.
 *
 * <p>Any error — a refused key, a malformed or oversized frame, a handshake that takes too
 * long — closes this connection alone, with a reason: the peer is sent an abort when the
 * session had started, and the handler (or the dialer's future) is told why.
 */
public final class LinkChannel extends ChannelInboundHandlerAdapter {

    /** MOVED: a dialer was redirected and waits for the one frame saying where to. */
    private enum State { TLS, START, MOVED, OPEN, CLOSING }

    /** What a silent side sends: a message to the peer's bootstrap object that does nothing. */
    private static final Message KEEP_ALIVE = new Message.DeliverOnly(new Descriptor.Export(0), "ping", List.of());

    private final WireCodec codec;
    private final VatId self;
    private final List<String> hints;
    private final VatId expected;
    private final Function<Link, LinkHandler> acceptor;
    private final CompletableFuture<Link> dialed;
    private final long handshakeTimeoutNanos;
    private final long heartbeatNanos;

    private State state = State.TLS;
    private VatId peer;
    private Bytes peerKey;
    private Bytes sessionId;
    private Link link;
    private LinkHandler handler;
    private ReferenceDecoder references;
    private ScheduledFuture<?> timeout;
    /** The messages of the read in progress, once the session is open. */
    private ReadBurst burst;
    /** Ends the burst: a task queued with its first frame, made once. */
    private Runnable burstEnder;

    /**
     * @param expected the vat id a dialer expects, or null on the listening side
     * @param acceptor makes the handler of an established link; for a dialer it returns the
     *                 handler given to {@code connect}
     * @param dialed   completed with the link once established (dialer), or null
     */
    public LinkChannel(WireCodec codec, VatId self, List<String> hints, VatId expected,
                Function<Link, LinkHandler> acceptor, CompletableFuture<Link> dialed, long handshakeTimeoutNanos,
                long heartbeatNanos) {
        this.heartbeatNanos = heartbeatNanos;
        this.codec = codec;
        this.self = self;
        this.hints = hints;
        this.expected = expected;
        this.acceptor = acceptor;
        this.dialed = dialed;
        this.handshakeTimeoutNanos = handshakeTimeoutNanos;
    }

    boolean isClosing() {
        return state == State.CLOSING;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Added to a connection a listener accepted, the channel is active already.
        if (ctx.channel().isActive()) {
            startTimeout(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startTimeout(ctx);
        super.channelActive(ctx);
    }

    private void startTimeout(ChannelHandlerContext ctx) {
        if (timeout != null) {
            return;
        }
        timeout = ctx.executor().schedule(() -> {
            if (state == State.TLS || state == State.START || state == State.MOVED) {
                failHandshake(ctx.channel(), "timeout",
                        "handshake timed out after " + TimeUnit.NANOSECONDS.toMillis(handshakeTimeoutNanos) + " ms");
            }
        }, handshakeTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && state == State.OPEN) {
            if (idle.state() == IdleState.READER_IDLE) {
                close(ctx.channel(), "idle: nothing heard from the peer for "
                        + TimeUnit.NANOSECONDS.toMillis(3 * heartbeatNanos) + " ms");
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(codec.encodeFrame(KEEP_ALIVE, ReferenceEncoder.none())),
                        ctx.voidPromise());
            }
            return;
        }
        if (event instanceof SslHandshakeCompletionEvent done && state == State.TLS) {
            if (!done.isSuccess()) {
                failHandshake(ctx.channel(), "tls " + Reasons.rootOf(done.cause()).getClass().getName(),
                        Reasons.tlsFailure(expected, ctx.channel(), done.cause()));
                return;
            }
            SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
            if (expected != null && VatTls.REDIRECT_PROTOCOL.equals(engine.getApplicationProtocol())) {
                // Redirected: read the one frame saying where the vat lives, under its own bound, and send nothing.
                state = State.MOVED;
                ctx.pipeline().replace(FrameDecoder.class, "frames", new FrameDecoder(Moved.LIMITS));
                return;
            }
            try {
                byte[] key = VatTls.peerKeyOf(engine.getSession());
                peer = VatId.ofRawPublicKey(key);
                peerKey = Bytes.of(key);
            } catch (SSLPeerUnverifiedException e) {
                failHandshake(ctx.channel(), "unverified", "TLS handshake failed: peer not verified: " + e.getMessage());
                return;
            }
            sessionId = VatTls.sessionIdOf(engine).map(Bytes::of).orElse(null);
            if (expected != null && !expected.equals(peer)) {
                failHandshake(ctx.channel(), "vat id", "server vat id: expected " + expected + ", got " + peer);
                return;
            }
            state = State.START;
            byte[] start = codec.encodeFrame(new Message.StartSession(Message.StartSession.PROTOCOL_VERSION,
                    Bytes.of(self.bytes()), hints), ReferenceEncoder.none());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(start), ctx.voidPromise());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endBurst();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            switch (state) {
                case START -> start(ctx, frame);
                case MOVED -> moved(ctx, frame);
                case OPEN -> {
                    if (burst.add(frame)) {
                        // The read's end hands the burst over; this catches a read whose end is not signalled.
                        ctx.executor().execute(burstEnder);
                    }
                }
                case TLS, CLOSING -> {
                    // Nothing may arrive before TLS completes; after an error, input is discarded.
                }
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void start(ChannelHandlerContext ctx, ByteBuf frame) {
        Message first;
        try {
            first = codec.decode(frame, ReferenceDecoder.none());
        } catch (ProtocolException e) {
            abortForProtocol(ctx.channel(), e.error().code(), e.abortReason());
            return;
        }
        if (first instanceof Message.Abort abort) {
            close(ctx.channel(), "peer aborted: " + abort.reason());
            return;
        }
        if (!(first instanceof Message.StartSession start)) {
            abortForProtocol(ctx.channel(), "start-session expected",
                    "protocol: expected start-session, got " + first.getClass().getSimpleName());
            return;
        }
        if (!Message.StartSession.PROTOCOL_VERSION.equals(start.version())) {
            abortForProtocol(ctx.channel(), "version",
                    "version: expected " + Message.StartSession.PROTOCOL_VERSION + ", got " + start.version());
            return;
        }
        VatId claimed = VatId.fromBytes(start.vatId().toByteArray());
        if (!claimed.equals(peer)) {
            abortForProtocol(ctx.channel(), "identity",
                    "identity: start-session names vat id " + claimed + ", but the key presented is " + peer);
            return;
        }
        timeout.cancel(false);
        state = State.OPEN;
        if (heartbeatNanos > 0) {
            // Installed only now: during the handshake, the handshake timeout applies.
            ctx.pipeline().addBefore(ctx.name(), "heartbeat",
                    new IdleStateHandler(3 * heartbeatNanos, heartbeatNanos, 0, TimeUnit.NANOSECONDS));
        }
        Link established = new Link(ctx.channel(), peer, codec, this,
                new Link.Facts(peerKey, start.locationHints(), sessionId));
        link = established;
        handler = acceptor.apply(established);
        handler.opened(established);
        references = handler.references();
        burst = new ReadBurst(held -> {
            if (state == State.OPEN) {
                deliver(ctx, held);
            }
        });
        burstEnder = burst::end;
        if (dialed != null) {
            dialed.complete(established);
        }
    }

    /** The redirect frame: where the vat dialed lives now, a hint to dial it again there. */
    private void moved(ChannelHandlerContext ctx, ByteBuf frame) {
        Moved moved;
        try {
            moved = Moved.decode(ByteBufUtil.getBytes(frame));
        } catch (ProtocolException e) {
            failHandshake(ctx.channel(), "redirect " + e.error().code(), "malformed redirect from "
                    + Reasons.at(ctx.channel()) + ": " + e.abortReason());
            return;
        }
        VatId named = VatId.fromBytes(moved.vatId().toByteArray());
        if (!named.equals(expected)) {
            failHandshake(ctx.channel(), "redirect vat id", "redirect from " + Reasons.at(ctx.channel())
                    + " names vat " + named + ", not vat " + expected + " that was dialed");
            return;
        }
        String reason = "vat " + expected + " is not at " + Reasons.at(ctx.channel())
                + "; redirected to " + String.join(", ", moved.hints());
        state = State.CLOSING;
        timeout.cancel(false);
        ctx.channel().close();
        dialed.completeExceptionally(LinkException.redirected(reason, moved.hints()));
    }

    private void deliver(ChannelHandlerContext ctx, ByteBuf frame) {
        Message message;
        try {
            message = codec.decode(frame, references);
        } catch (ProtocolException e) {
            abortForProtocol(ctx.channel(), e.error().code(), e.abortReason());
            return;
        }
        switch (message) {
            case Message.Abort abort -> close(ctx.channel(), "peer aborted: " + abort.reason());
            case Message.StartSession again -> abortForProtocol(ctx.channel(), "start-session twice",
                    "protocol: start-session sent twice");
            default -> handler.received(link, message);
        }
    }

    /**
     * Aborts like {@link #abort} because the peer broke the protocol, counting and logging it
     * (see {@link LinkFaults#protocol} for {@code kind}) unless the connection is already closing.
     */
    void abortForProtocol(Channel channel, String kind, String reason) {
        if (state != State.CLOSING) {
            LinkFaults.protocol(kind, channel.remoteAddress(), peer, reason);
            abort(channel, reason);
        }
    }

    /** Closes a connection whose handshake failed, counting and logging it unless already closing. */
    private void failHandshake(Channel channel, String kind, String reason) {
        if (state != State.CLOSING) {
            LinkFaults.handshake(kind, channel.remoteAddress(), peer, reason);
            close(channel, reason);
        }
    }

    /** The peer, for logs: its vat id once TLS has proved it, and its address. */
    private Object who(Channel channel) {
        return peer == null ? channel.remoteAddress() : "vat " + peer + " at " + channel.remoteAddress();
    }

    /**
     * Sends an abort (if the session has started), then closes with {@code reason}. The abort
     * goes out behind what is already queued for the peer; once it is written, the connection
     * is half-closed, and closes when the peer closes its side, or after the handshake timeout.
     * Meanwhile what the peer still sends is read and dropped: closing on bytes left unread
     * would reset the connection, and a reset may destroy the abort before the peer reads it.
     */
    void abort(Channel channel, String reason) {
        if (state == State.CLOSING) {
            return;
        }
        if ((state == State.START || state == State.OPEN) && channel.isActive()) {
            ByteBuf frame;
            try {
                frame = Unpooled.wrappedBuffer(codec.encodeFrame(new Message.Abort(Reasons.sendable(reason, codec)),
                        ReferenceEncoder.none()));
            } catch (RuntimeException e) {
                close(channel, reason);
                return;
            }
            state = State.CLOSING;
            if (timeout != null) {
                timeout.cancel(false);
            }
            channel.config().setAutoRead(true);
            if (link != null) {
                link.writeQueued();
            }
            channel.writeAndFlush(frame).addListener(written -> {
                if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                } else {
                    channel.close();
                }
            });
            channel.eventLoop().schedule(() -> channel.close(), handshakeTimeoutNanos, TimeUnit.NANOSECONDS);
            tell(reason);
            return;
        }
        close(channel, reason);
    }

    private void close(Channel channel, String reason) {
        if (state == State.CLOSING) {
            return;
        }
        state = State.CLOSING;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (!channel.isActive() || channel.pipeline().get(SslHandler.class) == null) {
            channel.close();
        } else {
            // Let an abort frame already queued go out first.
            channel.eventLoop().execute(channel::close);
        }
        tell(reason);
    }

    private void tell(String reason) {
        if (handler != null) {
            LinkHandler h = handler;
            handler = null;
            h.closed(link, reason);
        } else if (dialed != null) {
            dialed.completeExceptionally(new LinkException(reason));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (link != null && ctx.channel().isWritable()) {
            link.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endBurst();
        if (link != null) {
            link.discard();
        }
        if (state != State.CLOSING) {
            close(ctx.channel(), switch (state) {
                case OPEN -> "connection closed by peer";
                case MOVED -> "redirected by " + Reasons.at(ctx.channel()) + ", which closed before saying where to";
                case TLS, START, CLOSING -> "connection closed during handshake";
            });
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // What the read framed before the error counts, as it would had it come in an earlier read.
        endBurst();
        if (cause instanceof ProtocolException pe && state == State.MOVED) {
            failHandshake(ctx.channel(), "redirect " + pe.error().code(), "malformed redirect from "
                    + Reasons.at(ctx.channel()) + ": " + pe.abortReason());
            return;
        }
        if (cause instanceof ProtocolException pe) {
            abortForProtocol(ctx.channel(), pe.error().code(), pe.abortReason());
            return;
        }
        if (state != State.CLOSING) {
            if (Reasons.causedBy(cause, SSLException.class)) {
                if (state == State.TLS) {
                    failHandshake(ctx.channel(), "tls " + Reasons.rootOf(cause).getClass().getName(),
                            Reasons.tlsFailure(expected, ctx.channel(), cause));
                    return;
                }
                LinkFaults.protocol("tls record", ctx.channel().remoteAddress(), peer, Reasons.of(cause));
            } else if (!Reasons.causedBy(cause, IOException.class)) {
                // Not the network and not the peer's bytes: a handler of ours threw.
                LinkFaults.bug(who(ctx.channel()), cause);
            }
        }
        close(ctx.channel(), Reasons.of(cause));
    }

    private void endBurst() {
        if (burst != null) {
            burst.end();
        }
    }

    /** What {@code cause} says, for a reason: a TLS refusal's message, or its root cause's. */
    public static String reasonOf(Throwable cause) {
        return Reasons.of(cause);
    }
}
