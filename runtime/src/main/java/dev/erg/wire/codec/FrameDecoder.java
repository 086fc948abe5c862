package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a byte stream into frames: each a 4-byte big-endian unsigned length, then that many
 * bytes of payload. Emits each payload as a {@link ByteBuf} the next handler must release.
 *
 * <p>A declared length above the maximum is rejected as soon as the 4 length bytes have
 * arrived, before any of the payload is buffered: the decoder fires a {@link ProtocolException}
 * ({@link ProtocolError#LIMIT_EXCEEDED}, {@code "frame length: 70000 (expected: <= 65536)"})
 * through {@code exceptionCaught}, then discards everything it receives until the channel
 * closes. Closing is left to the session, which first sends its {@code abort}.
 *
 * <p>One instance serves one channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** Length of the frame header, in bytes. */
    public static final int HEADER_BYTES = 4;

    private final int maxFrameBytes;
    private boolean failed;

    /** A decoder that accepts frames of up to {@link WireLimits#maxFrameBytes()} bytes of payload. */
    public FrameDecoder(WireLimits limits) {
        this.maxFrameBytes = limits.maxFrameBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxFrameBytes) {
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.fireExceptionCaught(new ProtocolException(ProtocolError.LIMIT_EXCEEDED,
                    "frame length: " + length + " (expected: <= " + maxFrameBytes + ")"));
            return;
        }
        if (in.readableBytes() < HEADER_BYTES + length) {
            return;
        }
        in.skipBytes(HEADER_BYTES);
        out.add(in.readRetainedSlice((int) length));
    }
}
