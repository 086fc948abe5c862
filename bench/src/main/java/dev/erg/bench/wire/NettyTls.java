package dev.erg.bench.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSession;

/**
 * The raw echo's pipeline on both ends: Netty's {@code SslHandler} (TLS 1.3 only, the JDK's
 * provider, the client's certificate required), then 4-byte length framing, nothing else.
 */
public final class NettyTls {

    static final int MAX_FRAME = 1 << 16;

    private NettyTls() {
    }

    public static SslContext server(TlsFiles tls) throws IOException, GeneralSecurityException {
        return SslContextBuilder.forServer(tls.keyManagers()).trustManager(tls.trustManagers())
                .clientAuth(ClientAuth.REQUIRE).protocols("TLSv1.3").sslProvider(SslProvider.JDK).build();
    }

    public static SslContext client(TlsFiles tls) throws IOException, GeneralSecurityException {
        return SslContextBuilder.forClient().keyManager(tls.keyManagers()).trustManager(tls.trustManagers())
                .protocols("TLSv1.3").sslProvider(SslProvider.JDK).build();
    }

    /**
     * Runs a benchmark's raw TLS peer process ({@code name}, given its TLS files by
     * {@code args}): one epoll event loop accepting on a free loopback port, each connection's
     * pipeline filled by {@code pipeline} from its TLS handler; prints {@code READY <port>} and
     * returns when stdin closes ({@link PeerMain#serveUntilStdinCloses}).
     */
    public static void serveUntilStdinCloses(String name, String[] args,
                                             BiConsumer<SocketChannel, ChannelHandler> pipeline) throws Exception {
        SslContext tls = server(PeerMain.tls(name, args));
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            var server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            pipeline.accept(ch, tls.newHandler(ch.alloc()));
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            PeerMain.serveUntilStdinCloses(String.valueOf(((InetSocketAddress) server.localAddress()).getPort()));
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();   // no quiet period: its client has gone
        }
    }

    /**
     * Connects from {@code group} to a raw TLS peer listening on loopback {@code port}, with
     * {@code TCP_NODELAY}, each connection's pipeline filled by {@code pipeline} from its TLS
     * handler; answers the channel once its handshake is done.
     */
    public static Channel connect(MultiThreadIoEventLoopGroup group, TlsFiles tls, int port,
                                  BiConsumer<SocketChannel, SslHandler> pipeline) throws Exception {
        SslContext context = client(tls);
        Channel channel = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline.accept(ch, context.newHandler(ch.alloc(), "localhost", port));
                    }
                }).connect("127.0.0.1", port).sync().channel();
        channel.pipeline().get(SslHandler.class).handshakeFuture().get(30, TimeUnit.SECONDS);
        return channel;
    }

    /** The TLS session of a channel {@link #connect} made. */
    public static SSLSession session(Channel channel) {
        return channel.pipeline().get(SslHandler.class).engine().getSession();
    }

    /** Adds TLS and framing in front of {@code handler}. */
    static void pipeline(Channel ch, ChannelHandler tls, ChannelHandler handler) {
        ch.pipeline().addLast(tls, new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4),
                new LengthFieldPrepender(4), handler);
    }
}
