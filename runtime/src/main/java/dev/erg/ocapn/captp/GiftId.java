package dev.erg.ocapn.captp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The id of a gift in {@code deposit-gift} and {@code desc:handoff-give}: an integer from 0, as
 * the CapTP draft has it, or a byte string of 1 to {@value #MAX_BYTES} bytes, as the public
 * OCapN test suite deposits them. Ids of the two kinds never name the same gift.
 */
public sealed interface GiftId {

    /** Longest byte-string gift id. */
    int MAX_BYTES = 31;

    /** An integer gift id. */
    record Numbered(long value) implements GiftId {
        public Numbered {
            Positions.check(value);
        }
    }

    /** A byte-string gift id. */
    record Named(byte[] bytes) implements GiftId {
        public Named {
            if (bytes.length < 1 || bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException("a gift id of " + bytes.length + " bytes (expected: 1 to "
                        + MAX_BYTES + ")");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Named n && Arrays.equals(n.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Named[" + HexFormat.of().formatHex(bytes) + "]";
        }
    }

    /**
     * The gift id {@code value} is, as a passable read from a delivery: a {@code Long} from 0
     * or a {@code byte[]} of 1 to {@value #MAX_BYTES} bytes.
     *
     * @throws IllegalArgumentException saying why it is no gift id
     */
    static GiftId of(Object value) {
        return switch (value) {
            case Long n when n >= 0 -> new Numbered(n);
            case byte[] b -> new Named(b);
            case null, default -> throw new IllegalArgumentException(
                    "a gift id is an integer from 0 or 1 to " + MAX_BYTES + " bytes");
        };
    }
}
