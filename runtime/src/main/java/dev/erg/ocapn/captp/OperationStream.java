package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.ocapn.syrup.SyrupReader;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream without frames, as OCapN's {@code tcp-testing-only} netlayer carries
 * it, into operations: bytes go in as they arrive, in chunks of any size, and come out as each
 * operation completes. An operation still incomplete waits for more bytes; one that would
 * exceed {@link WireLimits#maxFrameBytes()}, or is wrong, fails the stream. Does no I/O; one
 * stream serves one connection on one thread.
 */
public final class OperationStream {

    private final WireLimits limits;
    private final CaptpReader reader;
    private final ByteBuf pending = Unpooled.buffer();
    private boolean failed;

    /** A stream whose operations are read by {@code reader} within {@code limits}. */
    public OperationStream(CaptpReader reader, WireLimits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    /**
     * Adds {@code chunk} and returns the operations it completes, in order.
     *
     * @throws SyrupException        if the bytes break a rule, or an operation is longer than
     *                               the frame limit; the stream is then unusable
     * @throws IllegalStateException if the stream failed before
     */
    public List<Operation> feed(byte[] chunk) {
        append(chunk);
        List<Operation> operations = new ArrayList<>();
        for (Operation next = next(); next != null; next = next()) {
            operations.add(next);
        }
        return operations;
    }

    /**
     * Adds {@code chunk} without reading it: {@link #next} reads one operation at a time, so
     * that a session acts on each before the next one's references are read.
     *
     * @throws IllegalStateException if the stream failed before
     */
    public void append(byte[] chunk) {
        if (failed) {
            throw new IllegalStateException("the stream failed before");
        }
        pending.writeBytes(chunk);
    }

    /**
     * The next whole operation, or null if the bytes waiting hold none yet.
     *
     * @throws SyrupException        as {@link #feed}; the stream is then unusable
     * @throws IllegalStateException if the stream failed before
     */
    public Operation next() {
        if (failed) {
            throw new IllegalStateException("the stream failed before");
        }
        if (!pending.isReadable()) {
            return null;
        }
        try {
            int start = pending.readerIndex();
            int available = Math.min(pending.readableBytes(), limits.maxFrameBytes());
            SyrupReader in = new SyrupReader(pending, start, start + available, limits);
            Operation operation;
            try {
                operation = reader.read(in);
            } catch (SyrupException e) {
                if (!e.isTruncated()) {
                    throw e;
                }
                if (available == limits.maxFrameBytes()) {
                    throw new SyrupException(ProtocolError.LIMIT_EXCEEDED, 0,
                            "operation longer than " + available + " bytes", "<= " + limits.maxFrameBytes());
                }
                pending.discardReadBytes();
                return null;
            }
            pending.readerIndex(start + in.offset());
            return operation;
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Whether bytes of an incomplete operation are waiting. */
    public boolean hasPartial() {
        return pending.isReadable();
    }
}
