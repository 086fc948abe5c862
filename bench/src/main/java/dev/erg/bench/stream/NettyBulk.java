package dev.erg.bench.stream;

import dev.erg.bench.captp.PeerProcess;
import dev.erg.bench.wire.NettyTls;
import dev.erg.bench.wire.TlsFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * The floor of the bulk transfer: bytes written straight into Netty's TLS handler, to
 * {@link NettySinkPeer}, with no framing, codec or protocol. The event loop writes chunks while
 * the channel is writable and resumes when it is again, the way a Netty application keeps a
 * socket busy without holding more than the high water mark in memory.
 */
final class NettyBulk implements AutoCloseable {

    /** High enough that the socket never waits for the writer: a few TLS records' worth per chunk. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 2 << 20);

    private final PeerProcess peer;
    private final MultiThreadIoEventLoopGroup group;
    private final Channel channel;
    private final SSLSession session;
    private Transfer transfer;

    NettyBulk(TlsFiles tls) throws Exception {
        peer = PeerProcess.start(NettySinkPeer.class, tls.dir().toString(), tls.password());
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        channel = NettyTls.connect(group, tls, Integer.parseInt(peer.address()),
                (ch, handler) -> ch.pipeline().addLast(handler, new Acks()));
        channel.config().setWriteBufferWaterMark(WATER_MARK);
        session = NettyTls.session(channel);
    }

    /** The receiver's process, whose CPU time a transfer counts. */
    ProcessHandle peerProcess() {
        return ProcessHandle.of(peer.pid()).orElseThrow();
    }

    /** What carries the transfer, learned from the connection. */
    String transport() {
        return session.getProtocol() + ", " + session.getCipherSuite() + ", JDK provider, Netty SslHandler, "
                + "mutual (EC P-256 self-signed, client certificate required), no framing; write buffer water mark "
                + WATER_MARK.low() / 1024 + "–" + WATER_MARK.high() / 1024 + " KiB";
    }

    /** Sends {@code total} bytes in writes of {@code chunk}; answers bytes per second, until the receiver's count arrives. */
    double transfer(long total, byte[] chunk) throws Exception {
        long start = System.nanoTime();
        Transfer t = new Transfer(total, chunk);
        channel.eventLoop().execute(() -> {
            transfer = t;
            channel.write(Unpooled.buffer(Long.BYTES).writeLong(total), channel.voidPromise());
            t.writeMore();
        });
        long received = t.done.get(StreamCompare.WAIT.toSeconds(), TimeUnit.SECONDS);
        if (received != total) {
            throw new IllegalStateException("the raw receiver counted " + received + " bytes of " + total);
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** One transfer's progress; touched on the event loop only. */
    private final class Transfer {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final byte[] chunk;
        long left;

        Transfer(long total, byte[] chunk) {
            this.left = total;
            this.chunk = chunk;
        }

        void writeMore() {
            while (left > 0 && channel.isWritable()) {
                int n = (int) Math.min(chunk.length, left);
                channel.write(Unpooled.wrappedBuffer(chunk, 0, n), channel.voidPromise());
                left -= n;
            }
            channel.flush();
        }
    }

    /** Resumes writing when the channel drains below the low water mark; completes a transfer on its count. */
    private final class Acks extends SimpleChannelInboundHandler<ByteBuf> {
        private final ByteBuf count = Unpooled.buffer(Long.BYTES);

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (transfer != null && ctx.channel().isWritable()) {
                transfer.writeMore();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
            count.writeBytes(in, Math.min(in.readableBytes(), count.writableBytes()));
            if (!count.isWritable()) {
                transfer.done.complete(count.readLong());
                count.clear();
            }
        }
    }

    @Override
    public void close() throws Exception {
        channel.close().sync();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();   // no quiet period: nothing else runs on it
        peer.close();
    }
}
