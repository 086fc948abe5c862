package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the protocol's own items from one frame (text, byte strings, positions, lists of
 * them, fixed-shape arrays) on top of a {@link CborReader}, and keeps the counts every read of
 * the frame shares: nesting and heads. One reader serves one frame on one thread.
 *
 * <p>Nesting is the number of arrays and maps around an item. The reader refuses to open one
 * more than {@link WireLimits#maxDepth()} before recursing, so hostile nesting ends in a
 * {@link ProtocolError#LIMIT_EXCEEDED} rather than a stack overflow. Every head read counts
 * toward {@link WireLimits#maxTotalValues()}.
 */
final class ItemReader {

    private final CborReader in;
    private final WireLimits limits;
    private int heads;

    ItemReader(CborReader in, WireLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    CborReader cbor() {
        return in;
    }

    WireLimits limits() {
        return limits;
    }

    /** Reads the initial byte of the next item and counts it. */
    int next() {
        if (++heads > limits.maxTotalValues()) {
            throw PathFailure.of(ProtocolError.LIMIT_EXCEEDED,
                    "value count " + heads, "<= " + limits.maxTotalValues());
        }
        return in.initialByte();
    }

    /** The depth inside one more array or map than {@code depth}, checked against the limit. */
    int enter(int depth) {
        if (depth >= limits.maxDepth()) {
            throw PathFailure.of(ProtocolError.LIMIT_EXCEEDED,
                    "nesting depth " + (depth + 1), "<= " + limits.maxDepth());
        }
        return depth + 1;
    }

    /**
     * Reads the head of an array at {@code depth}. Only lists, which are allocated by their
     * declared length, count against {@link WireLimits#maxCollectionLength()}; arrays of a fixed
     * shape (a message, a record, a descriptor) are checked against that shape instead.
     */
    int arrayHead(String what, int depth, boolean list) {
        int initial = next();
        if (initial >>> 5 != Cbor.ARRAY) {
            throw mismatch(initial, what + " array");
        }
        int length = in.length(initial, what, list ? limits.maxCollectionLength() : Integer.MAX_VALUE, 1);
        enter(depth);
        return length;
    }

    /** Reads the head of an array at {@code depth} that must have exactly {@code count} items. */
    void fields(String what, int count, int depth) {
        int length = arrayHead(what, depth, false);
        if (length != count) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, what + " with item count " + length,
                    Integer.toString(count));
        }
    }

    /** Reads a text string. */
    String text() {
        int initial = next();
        if (initial >>> 5 != Cbor.TEXT) {
            throw mismatch(initial, "text string");
        }
        return in.text(in.length(initial, "text string", limits.maxStringBytes(), 1));
    }

    /** Reads a text string that names a method, as {@link CborReader#name} does. */
    String name() {
        int initial = next();
        if (initial >>> 5 != Cbor.TEXT) {
            throw mismatch(initial, "text string");
        }
        return in.name(in.length(initial, "text string", limits.maxStringBytes(), 1));
    }

    /** Reads a byte string. */
    Bytes bytes() {
        int initial = next();
        if (initial >>> 5 != Cbor.BYTES) {
            throw mismatch(initial, "byte string");
        }
        return Bytes.wrap(in.bytes(in.length(initial, "byte string", limits.maxBytesLength(), 1)));
    }

    /** Reads a boolean. */
    boolean bool() {
        int initial = next();
        return switch (initial) {
            case Cbor.FALSE -> false;
            case Cbor.TRUE -> true;
            default -> throw mismatch(initial, "boolean");
        };
    }

    /** Reads an unsigned integer that fits in a {@code long}: a position, count or index. */
    long unsigned(String what) {
        int initial = next();
        if (initial >>> 5 != Cbor.UNSIGNED) {
            throw mismatch(initial, "unsigned integer");
        }
        long value = in.argument(initial);
        if (value < 0) {
            throw PathFailure.of(ProtocolError.INVALID_VALUE,
                    what + " " + Long.toUnsignedString(value), "<= " + Long.MAX_VALUE);
        }
        return value;
    }

    /** Whether the next item is {@code null}; if so, reads it. */
    boolean nextIsNull() {
        if (in.peek() == Cbor.NULL) {
            next();
            return true;
        }
        return false;
    }

    /** Reads a list of text strings at {@code depth}. */
    List<String> texts(int depth) {
        int length = arrayHead("list", depth, true);
        String[] items = new String[length];
        for (int i = 0; i < length; i++) {
            try {
                items[i] = text();
            } catch (PathFailure f) {
                throw f.atIndex(i);
            }
        }
        return List.of(items);
    }

    /** Reads a list of unsigned integers at {@code depth}. */
    List<Long> unsigneds(String what, int depth) {
        int length = arrayHead("list", depth, true);
        Long[] items = new Long[length];
        for (int i = 0; i < length; i++) {
            try {
                items[i] = unsigned(what);
            } catch (PathFailure f) {
                throw f.atIndex(i);
            }
        }
        return List.of(items);
    }

    /**
     * Builds a protocol object, turning its constructor's rejection into an
     * {@link ProtocolError#INVALID_VALUE}.
     */
    static <T> T construct(String what, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new PathFailure(ProtocolError.INVALID_VALUE, "invalid " + what, e.getMessage(), null);
        }
    }

    /**
     * The failure of an item starting with {@code initial} where {@code expected} was due. The
     * rest of its head is read first, since a rule of the head wins over the item's kind (spec
     * section 9.1, which error wins): a head that is not well-formed is {@code malformed}, a
     * longer head than needed {@code non-canonical}, a tag section 5 does not define
     * {@code unknown-tag}; anything else is a {@link ProtocolError#TYPE_MISMATCH}.
     */
    PathFailure mismatch(int initial, String expected) {
        switch (initial >>> 5) {
            case Cbor.TAG -> {
                return wrongTag(in.argument(initial), expected);
            }
            case 7 -> {
                if (initial == Cbor.BREAK) {
                    return PathFailure.of(ProtocolError.MALFORMED, "break outside an indefinite-length item", null);
                }
                if (initial > Cbor.FLOAT64) {
                    return CborReader.invalidInitialByte(initial);
                }
                if (initial == Cbor.SIMPLE_IN_NEXT_BYTE) {
                    int value = in.simpleValue();
                    if (value < 32) {
                        return PathFailure.of(ProtocolError.MALFORMED, "simple value " + value + " in a 2-byte head", null);
                    }
                }
            }
            default -> in.argument(initial);
        }
        return PathFailure.of(ProtocolError.TYPE_MISMATCH, Cbor.describe(initial), expected);
    }

    /**
     * The failure of tag {@code tag} where {@code expected} was due: {@code unknown-tag} for a
     * tag section 5 does not define, else a {@link ProtocolError#TYPE_MISMATCH}.
     */
    static PathFailure wrongTag(long tag, String expected) {
        if (!Tag.isDefined(tag)) {
            return PathFailure.of(ProtocolError.UNKNOWN_TAG, "unknown tag " + Long.toUnsignedString(tag), null);
        }
        return PathFailure.of(ProtocolError.TYPE_MISMATCH, "tag " + Long.toUnsignedString(tag), expected);
    }
}
