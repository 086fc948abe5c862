package dev.erg.bench.stream;

import dev.erg.bench.wire.NettyTls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

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
        GrownHeap.keep();
        NettyTls.serveUntilStdinCloses("NettySinkPeer", args, (ch, tls) -> ch.pipeline().addLast(tls, new Counter()));
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
