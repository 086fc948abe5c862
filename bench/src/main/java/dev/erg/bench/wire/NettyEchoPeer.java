package dev.erg.bench.wire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;

/**
 * The server of the raw echo, run as its own process: Netty on one epoll event loop, TLS and
 * length framing ({@link NettyTls}), and a handler that writes every frame back as it reads it
 * and flushes once per read burst. It prints {@code READY <port>} and exits when its stdin closes.
 *
 * <p>Usage: {@code NettyEchoPeer <tls dir> <password>}
 */
public final class NettyEchoPeer {

    private NettyEchoPeer() {
    }

    public static void main(String[] args) throws Exception {
        SslContext tls = NettyTls.server(PeerMain.tls("NettyEchoPeer", args));
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            var server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            NettyTls.pipeline(ch, tls.newHandler(ch.alloc()), new Echo());
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            PeerMain.serveUntilStdinCloses(String.valueOf(((InetSocketAddress) server.localAddress()).getPort()));
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    /** Writes each frame back; flushes when the read burst ends. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            ctx.write(frame, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("NettyEchoPeer: closing a connection: " + cause);
            ctx.close();
        }
    }
}
