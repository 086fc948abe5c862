package dev.erg.wire.codec;

import dev.erg.wire.WireLimits;
import java.util.List;

/**
 * Writes the protocol's own items for one frame on top of a {@link CborWriter}, applying the
 * {@link WireLimits} the peer's {@link ItemReader} will, and counting nesting the same way, so
 * that what a vat sends is never rejected for size by a peer with the same limits.
 */
final class ItemWriter {

    private final CborWriter out;
    private final WireLimits limits;

    ItemWriter(CborWriter out, WireLimits limits) {
        this.out = out;
        this.limits = limits;
    }

    CborWriter cbor() {
        return out;
    }

    WireLimits limits() {
        return limits;
    }

    /** The depth inside one more array or map than {@code depth}, checked against the limit. */
    int enter(int depth) {
        if (depth >= limits.maxDepth()) {
            throw PathFailure.notPassable("nesting depth " + (depth + 1), "<= " + limits.maxDepth());
        }
        return depth + 1;
    }

    /** Checks the head count against {@link WireLimits#maxTotalValues()} once writing is done. */
    void checkCount() {
        if (out.heads() > limits.maxTotalValues()) {
            throw PathFailure.notPassable("value count " + out.heads(), "<= " + limits.maxTotalValues());
        }
    }

    /** Checks the length of a list or map against {@link WireLimits#maxCollectionLength()}. */
    void checkLength(String what, int length) {
        if (length > limits.maxCollectionLength()) {
            throw PathFailure.notPassable(what + " length " + length, "<= " + limits.maxCollectionLength());
        }
    }

    void text(String text) {
        out.text(text, limits.maxStringBytes());
    }

    void bytes(Bytes bytes) {
        out.bytes(bytes.unsafeArray(), limits.maxBytesLength());
    }

    /** Writes a list of text strings at {@code depth}. */
    void texts(List<String> texts, int depth) {
        checkLength("list", texts.size());
        enter(depth);
        out.head(Cbor.ARRAY, texts.size());
        for (String text : texts) {
            text(text);
        }
    }

    /** Writes a list of unsigned integers at {@code depth}. */
    void unsigneds(List<Long> values, int depth) {
        checkLength("list", values.size());
        enter(depth);
        out.head(Cbor.ARRAY, values.size());
        for (long value : values) {
            out.head(Cbor.UNSIGNED, value);
        }
    }
}
