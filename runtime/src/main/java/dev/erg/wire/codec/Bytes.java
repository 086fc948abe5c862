package dev.erg.wire.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string: a key, an id, a signature. Protocol records hold these instead of
 * {@code byte[]} so that they stay immutable and compare by content.
 *
 * <p>Application values still cross vats as plain {@code byte[]}; this type is for the fields
 * the protocol itself defines.
 */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying; the caller must not change them later. */
    static Bytes wrap(byte[] bytes) {
        return new Bytes(Objects.requireNonNull(bytes, "bytes"));
    }

    /** The bytes, without copying; callers must not change them. */
    byte[] unsafeArray() {
        return bytes;
    }

    /** A new array holding the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The bytes as lowercase hexadecimal digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes as {@code h'…'}, CBOR's diagnostic notation. */
    @Override
    public String toString() {
        return "h'" + toHex() + "'";
    }
}
