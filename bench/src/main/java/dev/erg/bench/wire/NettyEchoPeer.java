package dev.erg.bench.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

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
        NettyTls.serveUntilStdinCloses("NettyEchoPeer", args, (ch, tls) -> NettyTls.pipeline(ch, tls, new Echo()));
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
