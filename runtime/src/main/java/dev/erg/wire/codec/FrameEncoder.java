package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames each outgoing {@link ByteBuf} payload as {@link FrameDecoder} expects: writes a
 * 4-byte big-endian length, then the payload itself, without copying it.
 *
 * <p>Stateless: one instance may serve every channel.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    private final int maxFrameBytes;

    /** An encoder that refuses payloads longer than {@link WireLimits#maxFrameBytes()}. */
    public FrameEncoder(WireLimits limits) {
        super(ByteBuf.class);
        this.maxFrameBytes = limits.maxFrameBytes();
    }

    /**
     * Adds the header and the payload to {@code out}.
     *
     * @throws IllegalArgumentException if the payload is too long; the write then fails
     */
    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        int length = payload.readableBytes();
        if (length > maxFrameBytes) {
            throw new IllegalArgumentException(
                    "frame length: " + length + " (expected: <= " + maxFrameBytes + ")");
        }
        out.add(ctx.alloc().buffer(FrameDecoder.HEADER_BYTES).writeInt(length));
        out.add(payload.retain());
    }
}
