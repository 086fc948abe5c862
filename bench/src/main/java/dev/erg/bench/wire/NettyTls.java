package dev.erg.bench.wire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

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

    /** Adds TLS and framing in front of {@code handler}. */
    static void pipeline(Channel ch, ChannelHandler tls, ChannelHandler handler) {
        ch.pipeline().addLast(tls, new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4),
                new LengthFieldPrepender(4), handler);
    }
}
