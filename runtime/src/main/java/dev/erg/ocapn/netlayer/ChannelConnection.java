package dev.erg.ocapn.netlayer;

import dev.erg.ocapn.session.OcapnConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Binds one TCP channel to one {@link OcapnConnection}: the bytes read go to it as they
 * arrive, unframed, and what it writes goes out in order. A peer that has not finished its
 * start-session within the hello timeout is aborted, so that a silent connection holds
 * nothing for long. Anything that goes wrong on the channel closes it and ends the
 * connection; nothing escapes to the event loop.
 */
final class ChannelConnection extends ChannelInboundHandlerAdapter {

    /** How long a peer may take to send its start-session. */
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

    private final Function<OcapnConnection.Wire, OcapnConnection> connections;
    private final Duration helloTimeout;
    private OcapnConnection connection;

    /** A handler whose connection {@code connections} makes, given the channel's wire, once the channel is active. */
    ChannelConnection(Function<OcapnConnection.Wire, OcapnConnection> connections) {
        this(connections, HELLO_TIMEOUT);
    }

    /** As {@link #ChannelConnection(Function)}, the peer's start-session due within {@code helloTimeout}. */
    ChannelConnection(Function<OcapnConnection.Wire, OcapnConnection> connections, Duration helloTimeout) {
        this.connections = connections;
        this.helloTimeout = helloTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        OcapnConnection made = connections.apply(new ChannelWire(ctx.channel()));
        connection = made;
        made.start();
        ctx.executor().schedule(() -> {
            if (made.peer() == null) {
                made.abort("protocol: no op:start-session within " + helloTimeout.toSeconds() + " seconds");
            }
        }, helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf chunk = (ByteBuf) msg;
        try {
            if (connection != null) {
                connection.received(ByteBufUtil.getBytes(chunk));
            }
        } finally {
            chunk.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.closed("the TCP connection closed");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection != null) {
            connection.closed("I/O error: " + cause.getMessage());
        }
        ctx.close();
    }

    /**
     * Writes to a channel, every write a task of its event loop, even one made on it: the
     * session sends under its lock, from any thread, and a write made on the event loop
     * directly would overtake those queued from other threads.
     */
    private record ChannelWire(Channel channel) implements OcapnConnection.Wire {
        @Override
        public void write(byte[] bytes) {
            channel.eventLoop().execute(() -> channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise()));
        }

        @Override
        public void close() {
            channel.eventLoop().execute(
                    () -> channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
        }
    }
}
