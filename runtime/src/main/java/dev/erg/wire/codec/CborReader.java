package dev.erg.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Reads CBOR items from a region of a buffer and rejects everything outside the deterministic
 * form the protocol requires (RFC 8949 section 4.2.1): heads not in their shortest form,
 * indefinite lengths, floats wider than their value needs, NaNs other than {@code f97e00},
 * invalid UTF-8. Every length is checked against the bytes left before anything of that size
 * is allocated. Failures are {@link PathFailure}s; the reader never throws anything else on
 * any input.
 */
final class CborReader {

    private final ByteBuf buf;
    private final int end;
    private int position;

    /** A reader of {@code buf} from index {@code start} (inclusive) to {@code end} (exclusive). */
    CborReader(ByteBuf buf, int start, int end) {
        this.buf = buf;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    /** Reads the initial byte of the next item. */
    int initialByte() {
        if (position >= end) {
            throw PathFailure.of(ProtocolError.MALFORMED, "end of input", "another item");
        }
        return buf.getUnsignedByte(position++);
    }

    /** The next initial byte, without consuming it, or -1 at the end. */
    int peek() {
        return position < end ? buf.getUnsignedByte(position) : -1;
    }

    /**
     * Reads the argument of an item of major type 0 to 6 and returns it as an unsigned 64-bit
     * value.
     */
    long argument(int initial) {
        int info = initial & 0x1f;
        if (info < 24) {
            return info;
        }
        long value;
        switch (info) {
            case 24 -> {
                need(1);
                value = buf.getUnsignedByte(position);
                position += 1;
                checkShortest(value, 24, 2);
            }
            case 25 -> {
                need(2);
                value = buf.getUnsignedShort(position);
                position += 2;
                checkShortest(value, 0x100, 3);
            }
            case 26 -> {
                need(4);
                value = buf.getUnsignedInt(position);
                position += 4;
                checkShortest(value, 0x1_0000, 5);
            }
            case 27 -> {
                need(8);
                value = buf.getLong(position);
                position += 8;
                checkShortest(value, 0x1_0000_0000L, 9);
            }
            case 31 -> {
                int major = initial >>> 5;
                if (major >= Cbor.BYTES && major <= Cbor.MAP) {
                    throw PathFailure.of(ProtocolError.NON_CANONICAL,
                            "indefinite-length " + Cbor.describe(initial), "a definite length");
                }
                throw invalidInitialByte(initial);
            }
            default -> throw invalidInitialByte(initial);
        }
        return value;
    }

    /**
     * Reads the length of a string or container whose head starts with {@code initial} and
     * checks it against {@code limit}, then against the bytes left, given that each unit of
     * length takes at least {@code minBytesEach} bytes.
     */
    int length(int initial, String what, int limit, int minBytesEach) {
        long length = argument(initial);
        if (Long.compareUnsigned(length, limit) > 0) {
            throw PathFailure.of(ProtocolError.LIMIT_EXCEEDED,
                    what + " length " + Long.toUnsignedString(length), "<= " + limit);
        }
        int left = remaining() / minBytesEach;
        if (length > left) {
            throw PathFailure.of(ProtocolError.MALFORMED,
                    what + " length " + length, "<= " + left + ", as the input ends");
        }
        return (int) length;
    }

    /** Reads {@code length} bytes, already checked to be there, as strictly valid UTF-8. */
    String text(int length) {
        if (!ByteBufUtil.isText(buf, position, length, StandardCharsets.UTF_8)) {
            throw PathFailure.of(ProtocolError.MALFORMED, "invalid UTF-8 in text string", null);
        }
        String text = buf.toString(position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** Reads {@code length} bytes, already checked to be there. */
    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        buf.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    /** Reads the one-byte argument of a simple value in its two-byte form. */
    int simpleValue() {
        need(1);
        return buf.getUnsignedByte(position++);
    }

    /** Reads the float that follows {@code initial} and checks it is in its shortest form. */
    double floating(int initial) {
        switch (initial) {
            case Cbor.FLOAT16 -> {
                need(2);
                int bits = buf.getUnsignedShort(position);
                position += 2;
                float value = Float.float16ToFloat((short) bits);
                if (Float.isNaN(value) && bits != Cbor.CANONICAL_NAN16) {
                    throw nonCanonicalNaN(String.format("%04x", bits));
                }
                return value;
            }
            case Cbor.FLOAT32 -> {
                need(4);
                int bits = buf.getInt(position);
                position += 4;
                float value = Float.intBitsToFloat(bits);
                if (Float.isNaN(value)) {
                    throw nonCanonicalNaN(String.format("%08x", bits));
                }
                short half = Float.floatToFloat16(value);
                if (Float.floatToRawIntBits(Float.float16ToFloat(half)) == bits) {
                    throw PathFailure.of(ProtocolError.NON_CANONICAL, "float32 " + value,
                            "float16, the shortest exact form");
                }
                return value;
            }
            default -> {
                need(8);
                long bits = buf.getLong(position);
                position += 8;
                double value = Double.longBitsToDouble(bits);
                if (Double.isNaN(value)) {
                    throw nonCanonicalNaN(String.format("%016x", bits));
                }
                if (Double.doubleToRawLongBits((float) value) == bits) {
                    throw PathFailure.of(ProtocolError.NON_CANONICAL, "float64 " + value,
                            "float16 or float32, the shortest exact form");
                }
                return value;
            }
        }
    }

    /** Checks that no bytes are left after the item just read. */
    void expectEnd() {
        if (position < end) {
            throw PathFailure.of(ProtocolError.TRAILING_BYTES,
                    "trailing byte count " + (end - position), "0");
        }
    }

    /** Compares two regions of the input as {@link Cbor#compare} does. */
    int compare(int start1, int end1, int start2, int end2) {
        return Cbor.compare(buf, start1, end1, start2, end2);
    }

    static PathFailure invalidInitialByte(int initial) {
        return PathFailure.of(ProtocolError.MALFORMED, "invalid initial byte " + Cbor.hex(initial), null);
    }

    private void need(int bytes) {
        if (end - position < bytes) {
            throw PathFailure.of(ProtocolError.MALFORMED, "truncated item",
                    bytes + " more bytes, got " + (end - position));
        }
    }

    private static void checkShortest(long value, long floor, int headBytes) {
        if (Long.compareUnsigned(value, floor) < 0) {
            throw PathFailure.of(ProtocolError.NON_CANONICAL,
                    "argument " + value + " in a " + headBytes + "-byte head", "the shortest head");
        }
    }

    private static PathFailure nonCanonicalNaN(String bits) {
        return PathFailure.of(ProtocolError.NON_CANONICAL, "NaN with bits " + bits, "f97e00");
    }
}
