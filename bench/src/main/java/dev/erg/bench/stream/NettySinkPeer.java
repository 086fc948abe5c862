package dev.erg.bench.stream;

import dev.erg.bench.wire.NettyTls;
import dev.erg.bench.wire.PeerMain;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of the raw transfers, run as its own process: Netty on one epoll event
 * loop, TLS as the echo of {@code WireCompare} has it ({@link NettyTls}), and no framing. Each
 * transfer is an 8-byte length, then that many bytes, which it counts and drops; at the last it
 * writes the count back, 8 bytes, which tells the sender the transfer has arrived. It prints
 * {@code READY <port>} and exits when its stdin closes.
 *
 * <p>Usage: {@code NettySinkPeer <tls dir> <password>}
 */
public final class NettySinkPeer {

    private NettySinkPeer() {
    }

    public static void main(String[] args) throws Exception {
        SslContext tls = NettyTls.server(PeerMain.tls("NettySinkPeer", args));
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            var server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new Counter());
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            PeerMain.serveUntilStdinCloses(String.valueOf(((InetSocketAddress) server.localAddress()).getPort()));
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();   // no quiet period: its client has gone
        }
    }

    /** Reads a transfer's length, byte by byte (a TLS record may split it), then counts what follows. */
    private static final class Counter extends ChannelInboundHandlerAdapter {
        private int lengthBytes;
        private long expected;
        private long received;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (in.isReadable()) {
                    if (lengthBytes < Long.BYTES) {
                        expected = expected << 8 | in.readUnsignedByte();
                        lengthBytes++;
                    } else {
                        int n = (int) Math.min(in.readableBytes(), expected - received);
                        in.skipBytes(n);
                        received += n;
                    }
                    if (lengthBytes == Long.BYTES && received == expected) {
                        ctx.writeAndFlush(ctx.alloc().buffer(Long.BYTES).writeLong(received), ctx.voidPromise());
                        lengthBytes = 0;
                        expected = 0;
                        received = 0;
                    }
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("NettySinkPeer: closing a connection: " + cause);
            ctx.close();
        }
    }
}
