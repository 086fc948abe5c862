package dev.erg.bench.wire;

import dev.erg.bench.captp.PeerProcess;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;

/**
 * The floor: payloads echoed by {@link NettyEchoPeer} over Netty with TLS and length framing
 * only, no codec and no protocol. Sends are batched as Erg's {@code Link} batches them (one
 * event-loop task and one flush per burst).
 */
final class NettyEchoSystem extends EchoLoop {

    private final PeerProcess peer;
    private final MultiThreadIoEventLoopGroup group;
    private final Channel channel;
    private final SSLSession session;
    private final Queue<ByteBuf> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    NettyEchoSystem(TlsFiles tls) throws Exception {
        peer = PeerProcess.start(NettyEchoPeer.class, tls.dir().toString(), tls.password());
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        channel = NettyTls.connect(group, tls, Integer.parseInt(peer.address()),
                (ch, handler) -> NettyTls.pipeline(ch, handler, new Echoes()));
        session = NettyTls.session(channel);
    }

    @Override
    public String name() {
        return "Netty TLS echo (raw)";
    }

    @Override
    public String transport() {
        return session.getProtocol() + ", " + session.getCipherSuite() + ", JDK provider, Netty SslHandler, "
                + "mutual (EC P-256 self-signed, client certificate required), 4-byte length framing";
    }

    @Override
    public long serverPid() {
        return peer.pid();
    }

    @Override
    void send(long sequence) {
        outbox.add(Unpooled.wrappedBuffer(Payload.of(sequence)));
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                scheduled.set(false);
                for (ByteBuf frame = outbox.poll(); frame != null; frame = outbox.poll()) {
                    channel.write(frame, channel.voidPromise());
                }
                channel.flush();
            });
        }
    }

    /** Hands each echoed frame's sequence number on. */
    private final class Echoes extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] payload = new byte[frame.readableBytes()];
            frame.readBytes(payload);
            answered(Payload.sequence(payload));
        }
    }

    @Override
    public void close() throws Exception {
        channel.close().sync();
        group.shutdownGracefully().sync();
        peer.close();
    }
}
