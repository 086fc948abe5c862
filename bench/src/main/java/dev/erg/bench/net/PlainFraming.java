package dev.erg.bench.net;

import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.FrameEncoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.function.BiConsumer;

/** The baseline of the framed-message benchmark: our framing and codec over plain TCP, no TLS. */
final class PlainFraming {

    static final WireCodec CODEC = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());

    private PlainFraming() {
    }

    /** Frames each connection as our transport does, and hands each decoded message to {@code onMessage}. */
    static ChannelInitializer<SocketChannel> pipeline(BiConsumer<ChannelHandlerContext, Message> onMessage) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(new FlushConsolidationHandler(256, true))
                        .addLast(new FrameDecoder(WireLimits.defaults()))
                        .addLast(new FrameEncoder(WireLimits.defaults()))
                        .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                onMessage.accept(ctx, CODEC.decode(frame, ReferenceDecoder.none()));
                            }
                        });
            }
        };
    }
}
