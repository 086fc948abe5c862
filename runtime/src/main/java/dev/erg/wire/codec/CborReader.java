package dev.erg.wire.codec;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CBOR items from a region of a buffer and rejects everything outside the deterministic
 * form the protocol requires (RFC 8949 section 4.2.1): heads not in their shortest form,
 * indefinite lengths, floats wider than their value needs, NaNs other than {@code f97e00},
 * invalid UTF-8. Every length is checked against the bytes left before anything of that size
 * is allocated. Failures are {@link PathFailure}s; the reader never throws anything else on
 * any input.
 */
final class CborReader {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Arrays up to this size go back to their thread after a read; larger ones are dropped. */
    private static final int KEPT_BYTES = 64 * 1024;
    /**
     * Each thread's spare array for reading a buffer that has none of its own (a direct one):
     * what is read from it is copied out, so it can serve the next read. Empty while lent.
     */
    private static final ThreadLocal<byte[][]> SPARE = ThreadLocal.withInitial(() -> new byte[1][]);

    // An array, not a ByteBuf: a buffer checks its bounds and reference count on every byte read.
    private final byte[] buf;
    private final int end;
    private int position;

    /** A reader of {@code buf} from index {@code start} (inclusive) to {@code end} (exclusive). */
    CborReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.position = start;
        this.end = end;
    }

    /**
     * An array of at least {@code length} bytes to copy input into, lent by the calling thread
     * until {@link #giveBack}: a read that starts meanwhile gets one of its own.
     */
    static byte[] borrow(int length) {
        byte[][] spare = SPARE.get();
        byte[] buf = spare[0];
        if (buf == null || buf.length < length) {
            return new byte[Math.max(length, 256)];
        }
        spare[0] = null;
        return buf;
    }

    /** Ends the loan of {@code buf}, from which nothing read may still be used. */
    static void giveBack(byte[] buf) {
        if (buf.length <= KEPT_BYTES) {
            SPARE.get()[0] = buf;
        }
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
        return buf[position++] & 0xff;
    }

    /** The next initial byte, without consuming it, or -1 at the end. */
    int peek() {
        return position < end ? buf[position] & 0xff : -1;
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
                value = buf[position] & 0xff;
                position += 1;
                checkShortest(value, 24, 2);
            }
            case 25 -> {
                need(2);
                value = (short) SHORT.get(buf, position) & 0xffff;
                position += 2;
                checkShortest(value, 0x100, 3);
            }
            case 26 -> {
                need(4);
                value = (int) INT.get(buf, position) & 0xffff_ffffL;
                position += 4;
                checkShortest(value, 0x1_0000, 5);
            }
            case 27 -> {
                need(8);
                value = (long) LONG.get(buf, position);
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

    /**
     * Reads {@code length} bytes, already checked to be there, as a method name: the same
     * {@code String} as the last time the name was read, if {@link Names} still holds it.
     */
    String name(int length) {
        String name = Names.lookUp(buf, position, length);
        if (name == null) {
            return text(length);
        }
        position += length;
        return name;
    }

    /** Reads {@code length} bytes, already checked to be there, as strictly valid UTF-8. */
    String text(int length) {
        String text;
        if (isAscii(position, length)) {
            text = new String(buf, position, length, StandardCharsets.ISO_8859_1);
        } else if (ByteBufUtil.isText(Unpooled.wrappedBuffer(buf), position, length, StandardCharsets.UTF_8)) {
            text = new String(buf, position, length, StandardCharsets.UTF_8);
        } else {
            throw PathFailure.of(ProtocolError.MALFORMED, "invalid UTF-8 in text string", null);
        }
        position += length;
        return text;
    }

    /** Reads {@code length} bytes, already checked to be there. */
    byte[] bytes(int length) {
        byte[] bytes = Arrays.copyOfRange(buf, position, position + length);
        position += length;
        return bytes;
    }

    private boolean isAscii(int from, int length) {
        for (int i = from, to = from + length; i < to; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads the one-byte argument of a simple value in its two-byte form. */
    int simpleValue() {
        need(1);
        return buf[position++] & 0xff;
    }

    /** Reads the float that follows {@code initial} and checks it is in its shortest form. */
    double floating(int initial) {
        switch (initial) {
            case Cbor.FLOAT16 -> {
                need(2);
                int bits = (short) SHORT.get(buf, position) & 0xffff;
                position += 2;
                float value = Float.float16ToFloat((short) bits);
                if (Float.isNaN(value) && bits != Cbor.CANONICAL_NAN16) {
                    throw nonCanonicalNaN(String.format("%04x", bits));
                }
                return value;
            }
            case Cbor.FLOAT32 -> {
                need(4);
                int bits = (int) INT.get(buf, position);
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
                long bits = (long) LONG.get(buf, position);
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

    /** Compares two regions of the input as {@link Cbor#compare} does: bytewise unsigned, then by length. */
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
