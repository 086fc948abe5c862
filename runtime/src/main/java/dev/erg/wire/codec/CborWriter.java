package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.math.BigInteger;

/**
 * Writes CBOR items in the deterministic form the protocol requires: every head in its
 * shortest form, definite lengths only, floats in the shortest width that keeps their value,
 * integers beyond 64 bits as bignums without leading zero bytes. Counts the heads it writes,
 * so that the encoder can apply {@link WireLimits#maxTotalValues()} as the decoder will.
 */
final class CborWriter {

    private final ByteBuf out;
    private int heads;

    CborWriter(ByteBuf out) {
        this.out = out;
    }

    ByteBuf buffer() {
        return out;
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
            out.writeByte(type | (int) argument);
        } else if (Long.compareUnsigned(argument, 0x100) < 0) {
            out.writeByte(type | 24);
            out.writeByte((int) argument);
        } else if (Long.compareUnsigned(argument, 0x1_0000) < 0) {
            out.writeByte(type | 25);
            out.writeShort((int) argument);
        } else if (Long.compareUnsigned(argument, 0x1_0000_0000L) < 0) {
            out.writeByte(type | 26);
            out.writeInt((int) argument);
        } else {
            out.writeByte(type | 27);
            out.writeLong(argument);
        }
    }

    /** Writes bytes that already hold {@code headCount} complete heads. */
    void raw(byte[] encoded, int headCount) {
        heads += headCount;
        out.writeBytes(encoded);
    }

    void simple(int initial) {
        heads++;
        out.writeByte(initial);
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
        out.writeBytes(bytes, bytes.length - length, length);
    }

    /** Writes {@code value} as the shortest of float16, float32 and float64 that holds it exactly. */
    void floating(double value) {
        heads++;
        if (Double.isNaN(value)) {
            out.writeByte(Cbor.FLOAT16);
            out.writeShort(Cbor.CANONICAL_NAN16);
            return;
        }
        float single = (float) value;
        if (Double.doubleToRawLongBits(single) != Double.doubleToRawLongBits(value)) {
            out.writeByte(Cbor.FLOAT64);
            out.writeLong(Double.doubleToRawLongBits(value));
            return;
        }
        short half = Float.floatToFloat16(single);
        if (Float.floatToRawIntBits(Float.float16ToFloat(half)) == Float.floatToRawIntBits(single)) {
            out.writeByte(Cbor.FLOAT16);
            out.writeShort(half);
        } else {
            out.writeByte(Cbor.FLOAT32);
            out.writeInt(Float.floatToRawIntBits(single));
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
        ByteBufUtil.reserveAndWriteUtf8(out, text, length);
    }

    /**
     * Writes {@code bytes} as a byte string.
     *
     * @throws PathFailure if it is longer than {@code maxBytes}
     */
    void bytes(byte[] bytes, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw PathFailure.notPassable("byte string length " + bytes.length, "<= " + maxBytes);
        }
        head(Cbor.BYTES, bytes.length);
        out.writeBytes(bytes);
    }
}
