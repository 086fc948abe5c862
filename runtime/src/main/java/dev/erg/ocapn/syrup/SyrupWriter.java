package dev.erg.ocapn.syrup;

import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Utf8;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes Syrup items in their canonical form, within the {@link WireLimits} a
 * {@link SyrupReader} applies, so that what a peer with the same limits reads back is never
 * refused. Lists and records are written with {@link #open(SyrupKind)} and {@link #close()};
 * dictionaries and sets, whose items must appear in the order of their encodings, with
 * {@link #dictionary} and {@link #set}, which encode each key or item apart and sort them.
 *
 * <p>A value that cannot be written canonically (a string with an unpaired surrogate) or
 * exceeds a limit is a {@link NotPassableException}, thrown before anything is sent. A writer
 * serves one output on one thread.
 */
public final class SyrupWriter {

    private final ByteBuf out;
    private final WireLimits limits;
    /** The value count of the whole output, shared with the writers {@link #apart()}. */
    private final int[] values;
    private final int baseDepth;
    private final SyrupKind[] kinds;
    private final int[] counts;
    private int depth;

    /** A writer that appends to {@code out}. */
    public SyrupWriter(ByteBuf out, WireLimits limits) {
        this(out, limits, new int[1], 0);
    }

    private SyrupWriter(ByteBuf out, WireLimits limits, int[] values, int baseDepth) {
        this.out = out;
        this.limits = limits;
        this.values = values;
        this.baseDepth = baseDepth;
        this.depth = baseDepth;
        this.kinds = new SyrupKind[limits.maxDepth() + 1];
        this.counts = new int[limits.maxDepth() + 1];
    }

    /** A writer into a new buffer, counting toward the limits of this one, at its depth. */
    public SyrupWriter apart() {
        return new SyrupWriter(Unpooled.buffer(), limits, values, depth);
    }

    /** The bytes written so far, in a new array. */
    public byte[] toByteArray() {
        return ByteBufUtil.getBytes(out, out.readerIndex(), out.readableBytes());
    }

    /**
     * Checks that the output, all written, fits {@link WireLimits#maxFrameBytes()}.
     *
     * @throws NotPassableException  if it does not
     * @throws IllegalStateException if a container this writer opened is still open
     */
    public void finish() {
        if (depth != baseDepth) {
            throw new IllegalStateException(depth - baseDepth + " containers are still open");
        }
        if (out.readableBytes() > limits.maxFrameBytes()) {
            throw new NotPassableException("encoded length " + out.readableBytes()
                    + " (expected: <= " + limits.maxFrameBytes() + ")");
        }
    }

    public void bool(boolean value) {
        item();
        out.writeByte(value ? 't' : 'f');
    }

    public void integer(long value) {
        item();
        if (value < 0) {
            ByteBufUtil.writeAscii(out, Long.toUnsignedString(-value));
            out.writeByte('-');
        } else {
            ByteBufUtil.writeAscii(out, Long.toString(value));
            out.writeByte('+');
        }
    }

    /**
     * Writes an integer of any size.
     *
     * @throws NotPassableException if its magnitude is wider than 64 bits and than
     *                              {@link WireLimits#maxBigIntegerBytes()} bytes
     */
    public void integer(BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            integer(value.longValue());
            return;
        }
        int bytes = (value.abs().bitLength() + 7) / Byte.SIZE;
        if (bytes > Long.BYTES && bytes > limits.maxBigIntegerBytes()) {
            throw new NotPassableException("integer magnitude of " + bytes + " bytes (expected: <= "
                    + limits.maxBigIntegerBytes() + " bytes)");
        }
        item();
        ByteBufUtil.writeAscii(out, value.abs().toString());
        out.writeByte(value.signum() < 0 ? '-' : '+');
    }

    /** Writes {@code D} and the binary64; every NaN as {@code 7ff8000000000000}. */
    public void float64(double value) {
        item();
        out.writeByte('D');
        out.writeLong(Double.isNaN(value) ? SyrupReader.CANONICAL_NAN64 : Double.doubleToRawLongBits(value));
    }

    /** Writes {@code F} and the binary32; every NaN as {@code 7fc00000}. */
    public void float32(float value) {
        item();
        out.writeByte('F');
        out.writeInt(Float.isNaN(value) ? SyrupReader.CANONICAL_NAN32 : Float.floatToRawIntBits(value));
    }

    /** Writes a byte string, of at most {@link WireLimits#maxBytesLength()} bytes. */
    public void bytes(byte[] bytes) {
        if (bytes.length > limits.maxBytesLength()) {
            throw new NotPassableException("byte string length " + bytes.length + " (expected: <= "
                    + limits.maxBytesLength() + ")");
        }
        item();
        ByteBufUtil.writeAscii(out, Integer.toString(bytes.length));
        out.writeByte(':');
        out.writeBytes(bytes);
    }

    /** Writes a string; it must be well-formed UTF-16, of at most {@link WireLimits#maxStringBytes()} in UTF-8. */
    public void string(String text) {
        text(text, '"', SyrupKind.STRING);
    }

    /** Writes a symbol (OCapN's selector) named {@code name}, under the same rules as a string. */
    public void symbol(String name) {
        text(name, '\'', SyrupKind.SYMBOL);
    }

    /**
     * Opens a container of {@code kind}.
     *
     * @throws NotPassableException if it would nest deeper than {@link WireLimits#maxDepth()}
     */
    public void open(SyrupKind kind) {
        if (!kind.isContainer()) {
            throw new IllegalArgumentException(kind + " is not a container");
        }
        if (depth >= limits.maxDepth()) {
            throw new NotPassableException("nesting depth " + (depth + 1) + " (expected: <= "
                    + limits.maxDepth() + ")");
        }
        item();
        out.writeByte(kind.opener());
        depth++;
        kinds[depth] = kind;
        counts[depth] = 0;
    }

    /** Closes the innermost container this writer opened. */
    public void close() {
        if (depth == baseDepth) {
            throw new IllegalStateException("no container is open");
        }
        SyrupKind kind = kinds[depth];
        if (kind == SyrupKind.RECORD && counts[depth] == 0) {
            throw new IllegalStateException("a record needs a label");
        }
        if (kind == SyrupKind.DICTIONARY && counts[depth] % 2 == 1) {
            throw new IllegalStateException("a dictionary key needs a value");
        }
        out.writeByte(kind.closer());
        depth--;
    }

    /**
     * Writes a dictionary: each key by {@code key} in a writer {@link #apart()}, the entries then
     * in the order of the keys' encodings, each value by {@code value}.
     *
     * @throws NotPassableException if two keys have the same encoding
     */
    public <K, V> void dictionary(Collection<? extends Map.Entry<? extends K, ? extends V>> entries,
            BiConsumer<SyrupWriter, K> key, BiConsumer<SyrupWriter, V> value) {
        open(SyrupKind.DICTIONARY);
        List<Encoded<V>> keys = new ArrayList<>(entries.size());
        for (Map.Entry<? extends K, ? extends V> entry : entries) {
            SyrupWriter apart = apart();
            key.accept(apart, entry.getKey());
            keys.add(new Encoded<>(apart.toByteArray(), entry.getValue()));
        }
        for (Encoded<V> entry : sort(keys, "dictionary keys")) {
            raw(entry.bytes());
            value.accept(this, entry.value());
        }
        close();
    }

    /**
     * Writes a set: each item by {@code item} in a writer {@link #apart()}, then the items in the
     * order of their encodings.
     *
     * @throws NotPassableException if two items have the same encoding
     */
    public <T> void set(Collection<? extends T> items, BiConsumer<SyrupWriter, T> item) {
        open(SyrupKind.SET);
        List<Encoded<T>> encoded = new ArrayList<>(items.size());
        for (T value : items) {
            SyrupWriter apart = apart();
            item.accept(apart, value);
            encoded.add(new Encoded<>(apart.toByteArray(), value));
        }
        for (Encoded<T> value : sort(encoded, "set items")) {
            raw(value.bytes());
        }
        close();
    }

    /** An item's encoding and what goes with it. */
    private record Encoded<T>(byte[] bytes, T value) {
    }

    /** Sorts by encoding, unsigned and lexicographically, a prefix first; refuses equal encodings. */
    private static <T> List<Encoded<T>> sort(List<Encoded<T>> items, String what) {
        items.sort((a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes()));
        for (int i = 1; i < items.size(); i++) {
            if (Arrays.equals(items.get(i - 1).bytes(), items.get(i).bytes())) {
                throw new NotPassableException("two " + what + " with the same encoding, "
                        + preview(items.get(i).bytes()) + " (expected: distinct " + what + ")");
            }
        }
        return items;
    }

    /** The start of an encoding, as printable ASCII and hexadecimal escapes. */
    private static String preview(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 32); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= ' ' && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b));
        }
        return bytes.length > 32 ? text + "…" : text.toString();
    }

    /** Copies in one item that a writer {@link #apart()} encoded; its values were counted there. */
    private void raw(byte[] encoded) {
        countInContainer();
        out.writeBytes(encoded);
    }

    private void text(String text, int marker, SyrupKind kind) {
        int length = Utf8.length(text);
        if (length < 0) {
            throw new NotPassableException(kind.description() + " with an unpaired surrogate at index "
                    + (-1 - length) + " (expected: well-formed UTF-16)");
        }
        if (length > limits.maxStringBytes()) {
            throw new NotPassableException(kind.description() + " length " + length + " (expected: <= "
                    + limits.maxStringBytes() + ")");
        }
        item();
        ByteBufUtil.writeAscii(out, Integer.toString(length));
        out.writeByte(marker);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
    }

    /**
     * Counts one more item toward the limits of the output and of its container; stops an
     * output already longer than a frame before it grows further.
     */
    private void item() {
        if (++values[0] > limits.maxTotalValues()) {
            throw new NotPassableException("value count " + values[0] + " (expected: <= "
                    + limits.maxTotalValues() + ")");
        }
        if (out.readableBytes() > limits.maxFrameBytes()) {
            throw new NotPassableException("encoded length " + out.readableBytes() + " before the value ends"
                    + " (expected: <= " + limits.maxFrameBytes() + ")");
        }
        countInContainer();
    }

    private void countInContainer() {
        if (depth == baseDepth) {
            return;
        }
        SyrupKind kind = kinds[depth];
        int index = counts[depth]++;
        int max = limits.maxCollectionLength();
        boolean over = switch (kind) {
            case DICTIONARY -> index / 2 >= max;
            case RECORD -> index > max;
            default -> index >= max;
        };
        if (over) {
            throw new NotPassableException(kind.description() + " with more than " + max
                    + (kind == SyrupKind.DICTIONARY ? " entries" : kind == SyrupKind.RECORD ? " fields" : " items")
                    + " (expected: <= " + max + ")");
        }
    }
}
