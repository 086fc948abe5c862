package dev.erg.ocapn.netlayer;

import dev.erg.ocapn.session.OcapnConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Function;

/**
 * Binds one TCP channel to one {@link OcapnConnection}: the bytes read go to it as they
 * arrive, unframed, and what it writes goes out in order. Anything that goes wrong on the
 * channel closes it and ends the connection; nothing escapes to the event loop.
 */
final class ChannelConnection extends ChannelInboundHandlerAdapter {

    private final Function<OcapnConnection.Wire, OcapnConnection> connections;
    private OcapnConnection connection;

    /** A handler whose connection {@code connections} makes, given the channel's wire, once the channel is active. */
    ChannelConnection(Function<OcapnConnection.Wire, OcapnConnection> connections) {
        this.connections = connections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = connections.apply(new ChannelWire(ctx.channel()));
        connection.start();
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

    /** Writes to a channel; Netty keeps the order of writes made under the session's lock. */
    private record ChannelWire(Channel channel) implements OcapnConnection.Wire {
        @Override
        public void write(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        }

        @Override
        public void close() {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
