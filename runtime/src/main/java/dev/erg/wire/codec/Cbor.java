package dev.erg.wire.codec;

import java.util.Arrays;

/** The parts of CBOR (RFC 8949) the codec names: major types and the initial bytes it writes. */
final class Cbor {
    static final int UNSIGNED = 0;
    static final int NEGATIVE = 1;
    static final int BYTES = 2;
    static final int TEXT = 3;
    static final int ARRAY = 4;
    static final int MAP = 5;
    static final int TAG = 6;

    static final int FALSE = 0xf4;
    static final int TRUE = 0xf5;
    static final int NULL = 0xf6;
    static final int UNDEFINED = 0xf7;
    /** The initial byte of a simple value whose number follows in the next byte. */
    static final int SIMPLE_IN_NEXT_BYTE = 0xf8;
    static final int FLOAT16 = 0xf9;
    static final int FLOAT32 = 0xfa;
    static final int FLOAT64 = 0xfb;
    static final int BREAK = 0xff;
    /** The one NaN the deterministic encoding allows: a float16 quiet NaN. */
    static final int CANONICAL_NAN16 = 0x7e00;

    private Cbor() {
    }

    /** What an item is, judged from its initial byte, as error messages name it. */
    static String describe(int initial) {
        return switch (initial >>> 5) {
            case UNSIGNED -> "unsigned integer";
            case NEGATIVE -> "negative integer";
            case BYTES -> "byte string";
            case TEXT -> "text string";
            case ARRAY -> "array";
            case MAP -> "map";
            case TAG -> "tag";
            default -> switch (initial) {
                case FALSE, TRUE -> "boolean";
                case NULL -> "null";
                case FLOAT16, FLOAT32, FLOAT64 -> "float";
                default -> "simple value";
            };
        };
    }

    /**
     * Compares two regions of {@code buf} unsigned and lexicographically, a region before any
     * longer one it starts: the order of encoded map keys.
     */
    static int compare(byte[] buf, int start1, int end1, int start2, int end2) {
        return Arrays.compareUnsigned(buf, start1, end1, buf, start2, end2);
    }

    /** The initial byte as two hexadecimal digits with a {@code 0x} prefix. */
    static String hex(int initial) {
        return String.format("0x%02x", initial);
    }
}
