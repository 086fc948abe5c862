package dev.erg.net.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Holds back reads from the socket while a link is paused. Turning auto-read off is not
 * enough: the TLS handler asks for more input on its own when a read produced no complete
 * record. Sitting next to the socket, this gate sees every such request. Event-loop only.
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {

    private boolean closed;
    private boolean wanted;

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (closed) {
            wanted = true;
        } else {
            ctx.read();
        }
    }

    void pause(ChannelHandlerContext ctx) {
        closed = true;
        ctx.channel().config().setAutoRead(false);
    }

    void resume(ChannelHandlerContext ctx) {
        closed = false;
        ctx.channel().config().setAutoRead(true);
        if (wanted) {
            wanted = false;
            ctx.read();
        }
    }
}
