package dev.erg.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatTls;
import dev.erg.net.link.LinkChannel;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.FrameEncoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.WireLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * A dialer that does not run the session protocol but a script: it completes a real TLS 1.3
 * handshake with its own key, pinned to the vat it expects, then sends the given frame
 * payloads (through the real framer) and records every frame it receives, decoded, and how the
 * connection ended. With it a test can be the peer that lies in its start-session.
 */
final class ScriptedPeer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final WireCodec CODEC = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());
    /** Decoded messages, or a {@code String} describing a frame that did not decode. */
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> handshake = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Channel channel;

    /**
     * Dials {@code at} as {@code identity}, offering the session protocol by ALPN and expecting
     * the server to be {@code expected}; once TLS completes, sends {@code script}, one frame per
     * payload.
     */
    static ScriptedPeer dial(VatIdentity identity, TlsProvider provider, VatId expected, InetSocketAddress at,
                             List<byte[]> script) throws SSLException, InterruptedException {
        return dial(identity, provider, expected, at, List.of(Message.StartSession.PROTOCOL_VERSION), script);
    }

    /** Like {@link #dial(VatIdentity, TlsProvider, VatId, InetSocketAddress, List)}, offering {@code alpn} (none if empty). */
    static ScriptedPeer dial(VatIdentity identity, TlsProvider provider, VatId expected, InetSocketAddress at,
                             List<String> alpn, List<byte[]> script) throws SSLException, InterruptedException {
        ScriptedPeer peer = new ScriptedPeer();
        peer.connect(identity, provider, expected, at, alpn, script);
        return peer;
    }

    private void connect(VatIdentity identity, TlsProvider provider, VatId expected, InetSocketAddress at,
                         List<String> alpn, List<byte[]> script) throws SSLException, InterruptedException {
        VatTls tls = VatTls.of(identity, provider);
        SslContext context = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .sslContextProvider(tls.jsseProvider())
                .keyManager(tls.keyManager())
                .trustManager(tls.trustManagerForDialing(expected))
                .protocols(VatTls.PROTOCOL)
                .endpointIdentificationAlgorithm(null)
                .build();
        channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = context.newHandler(ch.alloc());
                        SSLParameters parameters = tls.engine().getSSLParameters();
                        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
                        tls.engine().setSSLParameters(parameters);
                        ch.pipeline()
                                .addLast("tls", tls)
                                .addLast("frames", new FrameDecoder(WireLimits.defaults()))
                                .addLast("framer", new FrameEncoder(WireLimits.defaults()))
                                .addLast("script", new Script(script));
                    }
                })
                .connect(at).sync().channel();
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    /** The next frame received, decoded, within 10 s. */
    Object next() throws InterruptedException {
        Object next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no frame within 10 s; received so far: " + received);
        }
        return next;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Script extends ChannelInboundHandlerAdapter {
        private final List<byte[]> script;

        Script(List<byte[]> script) {
            this.script = script;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    handshake.complete(null);
                    for (byte[] frame : script) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(frame));
                    }
                } else {
                    handshake.completeExceptionally(done.cause());
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                received.add(CODEC.decode(frame, ReferenceDecoder.none()));
            } catch (ProtocolException e) {
                received.add("undecodable: " + e.abortReason());
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            received.add("exception: " + LinkChannel.reasonOf(cause));
            ctx.close();
        }
    }

    /** The payload of {@code message}, encoded without references. */
    static byte[] encode(Message message) {
        return CODEC.encode(message, dev.erg.wire.codec.ReferenceEncoder.none());
    }
}
