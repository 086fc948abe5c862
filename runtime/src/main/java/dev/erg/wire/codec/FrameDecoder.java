package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 * <p>A frame whose header arrives ahead of its payload holds its declared length of a shared
 * {@link FrameBudget} until it is complete or the channel goes; a header that would pass the
 * budget is refused the same way as one above the maximum.
 *
 * <p>Bytes that must wait for the rest of their frame are gathered in a heap buffer with room
 * for the whole frame, allocated once its header is read: gathered in the allocator's default
 * buffer, a frame larger than a read (a stream's, of 256 KiB) was copied again each time the
 * buffer grew, then copied once more to be decoded, as the decoder reads arrays. The room given
 * is at most {@value #ROOM_PER_BYTE} times what has arrived, so a header alone does not make the
 * decoder allocate its frame. Frames that arrive whole within one read are slices of it, as before.
 *
 * <p>One instance serves one channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** Length of the frame header, in bytes. */
    public static final int HEADER_BYTES = 4;

    /** Most bytes of room given to a frame being received per byte of it received. */
    private static final int ROOM_PER_BYTE = 8;

    private final int maxFrameBytes;
    private final FrameBudget budget;
    /** The part of the budget the frame being received holds: 0, or its declared length. */
    private long reserved;
    /** Header and payload of the frame being received, once its header is read and it is incomplete; else 0. */
    private int awaited;
    private boolean failed;

    /** A decoder that accepts frames of up to {@link WireLimits#maxFrameBytes()} bytes of payload, with no shared budget. */
    public FrameDecoder(WireLimits limits) {
        this(limits, FrameBudget.unbounded());
    }

    /** A decoder that accepts frames of up to {@link WireLimits#maxFrameBytes()} bytes while {@code budget} allows them. */
    public FrameDecoder(WireLimits limits, FrameBudget budget) {
        this.maxFrameBytes = limits.maxFrameBytes();
        this.budget = budget;
        setCumulator(this::cumulate);
    }

    /**
     * Adds {@code in} to what waits: into {@code cumulation} if it is a heap buffer of this
     * decoder's alone with room, else into a new heap buffer with room for the frame awaited.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (!cumulation.isReadable() && in.isContiguous()) {
            cumulation.release();
            return in;
        }
        try {
            int adding = in.readableBytes();
            if (cumulation.hasArray() && cumulation.refCnt() == 1 && !cumulation.isReadOnly()
                    && adding <= cumulation.writableBytes()) {
                cumulation.writeBytes(in, in.readerIndex(), adding);
                in.skipBytes(adding);
                return cumulation;
            }
            int total = cumulation.readableBytes() + adding;
            // Room for the frame, but never more than ROOM_PER_BYTE times what arrived: a declared length costs its sender little.
            int room = (int) Math.min(awaited, (long) ROOM_PER_BYTE * total);
            ByteBuf gathered = alloc.heapBuffer(Math.max(room, alloc.calculateNewCapacity(total, Integer.MAX_VALUE)));
            gathered.writeBytes(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
            gathered.writeBytes(in, in.readerIndex(), adding);
            in.skipBytes(adding);
            cumulation.release();
            return gathered;
        } finally {
            in.release();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        awaited = 0;
        if (in.readableBytes() < HEADER_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxFrameBytes) {
            fail(ctx, in, "frame length: " + length + " (expected: <= " + maxFrameBytes + ")");
            return;
        }
        if (in.readableBytes() < HEADER_BYTES + length) {
            if (reserved == 0 && length > 0) {
                if (!budget.reserve(length)) {
                    fail(ctx, in, "frame length: " + length + " (frames not yet complete on this port hold "
                            + budget.held() + " of " + budget.max() + " bytes)");
                    return;
                }
                reserved = length;
            }
            awaited = HEADER_BYTES + (int) length;
            return;
        }
        giveBack();
        in.skipBytes(HEADER_BYTES);
        out.add(in.readRetainedSlice((int) length));
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        giveBack();
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        failed = true;
        giveBack();
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(new ProtocolException(ProtocolError.LIMIT_EXCEEDED, reason));
    }

    private void giveBack() {
        if (reserved != 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }
}
