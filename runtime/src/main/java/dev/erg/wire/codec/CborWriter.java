package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes CBOR items in the deterministic form the protocol requires: every head in its
 * shortest form, definite lengths only, floats in the shortest width that keeps their value,
 * integers beyond 64 bits as bignums without leading zero bytes. Counts the heads it writes,
 * so that the encoder can apply {@link WireLimits#maxTotalValues()} as the decoder will.
 *
 * <p>Writes into an array of its own, grown as needed: a buffer would check its bounds and
 * reference count on every byte written. A large byte string is not copied into that array but
 * held by reference ({@link #bytes(byte[], int, boolean)}) and copied once, into the result, by
 * {@link #toByteArray}, or not at all by {@link #toBuffer}: a stream's 64 KiB chunks, four to a
 * frame, were copied into the array while it grew by doubling from its first 128 bytes, then
 * out of it, each byte three times or more (StreamCompare's profile, bench/RESULTS.md).
 */
final class CborWriter {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Room first given to an encoding; a larger one grows it. */
    private static final int FIRST_BYTES = 128;
    /** Byte strings from this length on are held by reference until {@link #toByteArray}, not copied in. */
    static final int HELD_BYTES = 8 * 1024;
    /** The largest array a thread keeps to lend again: a rare large value is not held on to. */
    static final int KEPT_BYTES = 64 * 1024;
    /**
     * Each thread's array to lend to its next writer, so that an encoding allocates only its
     * result; empty while lent, so that a writer made meanwhile gets one of its own.
     */
    private static final ThreadLocal<byte[][]> SPARE = ThreadLocal.withInitial(() -> new byte[1][]);

    private byte[] buf;
    private int size;
    private int heads;
    /** Where the array goes back to when the writer is done with it, or null if it was not lent. */
    private byte[][] lender;
    /** Byte strings held by reference, in order; the {@code i}th belongs at index {@code heldAt[i]} of {@link #buf}. */
    private byte[][] held;
    private int[] heldAt;
    private int heldCount;
    /** The bytes of the strings held. */
    private long heldBytes;

    private CborWriter(byte[] buf, int reserved, byte[][] lender) {
        this.buf = buf;
        this.size = reserved;
        this.lender = lender;
    }

    /** A writer of its own array. */
    CborWriter() {
        this(new byte[FIRST_BYTES], 0, null);
    }

    /**
     * A writer of this thread's spare array, whose first {@code reserved} bytes are left for
     * the caller (say a frame's length); {@link #toByteArray} gives the array back.
     */
    static CborWriter lent(int reserved) {
        byte[][] spare = SPARE.get();
        byte[] buf = spare[0];
        spare[0] = null;
        if (buf == null) {
            buf = new byte[Math.max(FIRST_BYTES, reserved + 1)];
        }
        return new CborWriter(buf, reserved, spare);
    }

    /**
     * The bytes written so far, from index 0 to {@link #size()}, the writer's own array: without
     * the byte strings held by reference, which only an item that allows it holds
     * ({@link #bytes(byte[], int, boolean)}).
     */
    byte[] array() {
        return buf;
    }

    /** How many bytes the array holds, reserved ones included. */
    int size() {
        return size;
    }

    /** How many bytes the encoding holds so far: the array's and the byte strings' held by reference. */
    long length() {
        return size + heldBytes;
    }

    /** Forgets what was written from {@code size} on, which holds no byte string by reference. */
    void truncate(int size) {
        this.size = size;
    }

    /**
     * A copy of the bytes written, reserved ones included; a lent array goes back to its
     * thread, and the writer may not be used after.
     */
    byte[] toByteArray() {
        byte[] bytes = heldCount == 0 ? Arrays.copyOf(buf, size) : joined();
        release();
        return bytes;
    }

    /** Whether a byte string is held by reference. */
    boolean holds() {
        return heldCount > 0;
    }

    /**
     * The bytes written, reserved ones included, as one buffer: a copy of the array's bytes with
     * each byte string held between them where it belongs, as its own array (not copied); a lent
     * array goes back to its thread, and the writer may not be used after.
     */
    ByteBuf toBuffer() {
        byte[] own = Arrays.copyOf(buf, size);
        ByteBuf[] parts = new ByteBuf[2 * heldCount + 1];
        int from = 0;
        for (int i = 0; i < heldCount; i++) {
            parts[2 * i] = Unpooled.wrappedBuffer(own, from, heldAt[i] - from);
            parts[2 * i + 1] = Unpooled.wrappedBuffer(held[i]);
            from = heldAt[i];
        }
        parts[2 * heldCount] = Unpooled.wrappedBuffer(own, from, size - from);
        release();
        return Unpooled.wrappedBuffer(parts.length, parts);
    }

    /** Lets go of the byte strings held, and gives a lent array back to its thread. */
    private void release() {
        held = null;
        if (lender != null && buf.length <= KEPT_BYTES) {
            lender[0] = buf;
        }
        lender = null;
    }

    /** The array's bytes with each byte string held inserted where it belongs. */
    private byte[] joined() {
        byte[] bytes = new byte[Math.toIntExact(length())];
        int from = 0;
        int to = 0;
        for (int i = 0; i < heldCount; i++) {
            int upTo = heldAt[i];
            System.arraycopy(buf, from, bytes, to, upTo - from);
            to += upTo - from;
            from = upTo;
            System.arraycopy(held[i], 0, bytes, to, held[i].length);
            to += held[i].length;
        }
        System.arraycopy(buf, from, bytes, to, size - from);
        return bytes;
    }

    /** Puts {@code value} at {@code index}, over bytes already written or reserved. */
    void setInt(int index, int value) {
        INT.set(buf, index, value);
    }

    /** How many heads were written so far. */
    int heads() {
        return heads;
    }

    /** Writes a head of major type {@code major} whose argument is the unsigned {@code argument}. */
    void head(int major, long argument) {
        heads++;
        int type = major << 5;
        if (Long.compareUnsigned(argument, 24) < 0) {
            writeByte(type | (int) argument);
        } else if (Long.compareUnsigned(argument, 0x100) < 0) {
            ensure(2);
            buf[size++] = (byte) (type | 24);
            buf[size++] = (byte) argument;
        } else if (Long.compareUnsigned(argument, 0x1_0000) < 0) {
            writeShort(type | 25, (int) argument);
        } else if (Long.compareUnsigned(argument, 0x1_0000_0000L) < 0) {
            writeInt(type | 26, (int) argument);
        } else {
            writeLong(type | 27, argument);
        }
    }

    /** Writes bytes that already hold {@code headCount} complete heads. */
    void raw(byte[] encoded, int headCount) {
        heads += headCount;
        append(encoded, 0, encoded.length);
    }

    void simple(int initial) {
        heads++;
        writeByte(initial);
    }

    void integer(long value) {
        if (value >= 0) {
            head(Cbor.UNSIGNED, value);
        } else {
            head(Cbor.NEGATIVE, ~value);
        }
    }

    /**
     * Writes an integer of any size: with major type 0 or 1 from -2^64 to 2^64-1, as a bignum
     * beyond.
     *
     * @throws PathFailure if the bignum's magnitude exceeds {@code maxBytes}
     */
    void integer(BigInteger value, int maxBytes) {
        if (value.bitLength() < Long.SIZE) {
            integer(value.longValue());
            return;
        }
        boolean negative = value.signum() < 0;
        BigInteger magnitude = negative ? value.not() : value;
        if (magnitude.bitLength() <= Long.SIZE) {
            head(negative ? Cbor.NEGATIVE : Cbor.UNSIGNED, magnitude.longValue());
            return;
        }
        int length = (magnitude.bitLength() + 7) / 8;
        if (length > maxBytes) {
            throw PathFailure.notPassable("bignum length " + length, "<= " + maxBytes);
        }
        byte[] bytes = magnitude.toByteArray();
        head(Cbor.TAG, negative ? Tag.NEGATIVE_BIGNUM : Tag.POSITIVE_BIGNUM);
        head(Cbor.BYTES, length);
        append(bytes, bytes.length - length, length);
    }

    /** Writes {@code value} as the shortest of float16, float32 and float64 that holds it exactly. */
    void floating(double value) {
        heads++;
        if (Double.isNaN(value)) {
            writeShort(Cbor.FLOAT16, Cbor.CANONICAL_NAN16);
            return;
        }
        float single = (float) value;
        if (Double.doubleToRawLongBits(single) != Double.doubleToRawLongBits(value)) {
            writeLong(Cbor.FLOAT64, Double.doubleToRawLongBits(value));
            return;
        }
        short half = Float.floatToFloat16(single);
        if (Float.floatToRawIntBits(Float.float16ToFloat(half)) == Float.floatToRawIntBits(single)) {
            writeShort(Cbor.FLOAT16, half);
        } else {
            writeInt(Cbor.FLOAT32, Float.floatToRawIntBits(single));
        }
    }

    /**
     * Writes {@code text} as a UTF-8 text string.
     *
     * @throws PathFailure if it holds an unpaired surrogate or is longer than {@code maxBytes}
     */
    void text(String text, int maxBytes) {
        int length = Utf8.length(text);
        if (length < 0) {
            throw PathFailure.notPassable("text string with an unpaired surrogate at index "
                    + (-1 - length), "well-formed UTF-16");
        }
        if (length > maxBytes) {
            throw PathFailure.notPassable("text string length " + length, "<= " + maxBytes);
        }
        head(Cbor.TEXT, length);
        utf8(text, length);
    }

    /**
     * Writes {@code bytes} as a byte string.
     *
     * @throws PathFailure if it is longer than {@code maxBytes}
     */
    void bytes(byte[] bytes, int maxBytes) {
        bytes(bytes, maxBytes, false);
    }

    /**
     * Writes {@code bytes} as a byte string; if {@code mayHold} and it is long, holds it by
     * reference until {@link #toByteArray} instead of copying it in. An item whose bytes are
     * moved once written ({@link EntryOrder} sorts a map's entries in the array) may not hold
     * any. The caller may not change {@code bytes} before {@code toByteArray}.
     *
     * @throws PathFailure if it is longer than {@code maxBytes}
     */
    void bytes(byte[] bytes, int maxBytes, boolean mayHold) {
        if (bytes.length > maxBytes) {
            throw PathFailure.notPassable("byte string length " + bytes.length, "<= " + maxBytes);
        }
        head(Cbor.BYTES, bytes.length);
        if (mayHold && bytes.length >= HELD_BYTES) {
            hold(bytes);
        } else {
            append(bytes, 0, bytes.length);
        }
    }

    private void hold(byte[] bytes) {
        if (held == null) {
            held = new byte[4][];
            heldAt = new int[4];
        } else if (heldCount == held.length) {
            held = Arrays.copyOf(held, 2 * heldCount);
            heldAt = Arrays.copyOf(heldAt, 2 * heldCount);
        }
        held[heldCount] = bytes;
        heldAt[heldCount++] = size;
        heldBytes += bytes.length;
    }


    private void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    private void writeShort(int initial, int value) {
        ensure(3);
        buf[size] = (byte) initial;
        SHORT.set(buf, size + 1, (short) value);
        size += 3;
    }

    private void writeInt(int initial, int value) {
        ensure(5);
        buf[size] = (byte) initial;
        INT.set(buf, size + 1, value);
        size += 5;
    }

    private void writeLong(int initial, long value) {
        ensure(9);
        buf[size] = (byte) initial;
        LONG.set(buf, size + 1, value);
        size += 9;
    }

    /** Appends bytes that hold no head of their own, or whose heads were counted. */
    void append(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    /** Writes {@code text}, whose UTF-8 encoding is {@code length} bytes and well-formed. */
    private void utf8(String text, int length) {
        ensure(length);
        int chars = text.length();
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xc0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                buf[size++] = (byte) (0xf0 | point >> 18);
                buf[size++] = (byte) (0x80 | point >> 12 & 0x3f);
                buf[size++] = (byte) (0x80 | point >> 6 & 0x3f);
                buf[size++] = (byte) (0x80 | point & 0x3f);
            } else {
                buf[size++] = (byte) (0xe0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                buf[size++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    private void ensure(int bytes) {
        if (buf.length - size < bytes) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + bytes));
        }
    }
}
