package dev.erg.wire.codec;

import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Descriptor.Certificate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * Encodes and decodes {@link Message}s and passable values as CBOR, in the deterministic form
 * {@code spec/README.md} defines: every value has exactly one encoding, so a decoded value
 * encodes back to the bytes it came from, and signatures over encodings can be checked by
 * re-encoding.
 *
 * <p><b>Values.</b> What may cross, and what it decodes to:
 * <table>
 *   <caption>Java types on the wire</caption>
 *   <tr><th>encoded from</th><th>decoded as</th></tr>
 *   <tr><td>{@code null}, {@code Boolean}</td><td>the same</td></tr>
 *   <tr><td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}</td>
 *       <td>{@code Long} where it fits, else {@code BigInteger}</td></tr>
 *   <tr><td>{@code Double}, {@code Float}</td><td>{@code Double}</td></tr>
 *   <tr><td>{@code String}, {@code Character}</td><td>{@code String}</td></tr>
 *   <tr><td>{@code byte[]}</td><td>{@code byte[]}</td></tr>
 *   <tr><td>any {@code List}</td><td>an unmodifiable {@code List} that may hold {@code null}</td></tr>
 *   <tr><td>any {@code Map}</td><td>an unmodifiable {@code Map}, iterating in the order of
 *       its keys' encodings</td></tr>
 *   <tr><td>a registered {@link dev.erg.vat.Passable} record or enum</td><td>the same type</td></tr>
 *   <tr><td>{@link dev.erg.vat.Problem}</td><td>{@code Problem}</td></tr>
 *   <tr><td>anything else</td><td>a reference, through the {@link ReferenceEncoder} and
 *       {@link ReferenceDecoder}</td></tr>
 * </table>
 * Inside a registered record, components are converted back to their declared types
 * ({@code int}, {@code float}, {@code char}, {@code List<Integer>} and so on) and checked.
 * {@code BigDecimal}, other {@code Number}s, arrays other than {@code byte[]},
 * non-list collections, {@code CharSequence}s other than {@code String}, and {@code Optional}
 * cannot cross. Map keys may not hold byte arrays or references.
 *
 * <p><b>Errors.</b> Decoding checks every {@link WireLimits} bound before allocating and throws
 * only {@link ProtocolException}, whatever the input. Encoding throws
 * {@link NotPassableException} for a value that cannot cross or exceeds the limits, and leaves
 * the output buffer as it was.
 *
 * <p>A codec is immutable and safe to share between threads; each call keeps its state to
 * itself.
 */
public final class WireCodec {

    private final PassableRegistry registry;
    private final WireLimits limits;

    /** A codec for the records and enums of {@code registry}, within {@code limits}. */
    public WireCodec(PassableRegistry registry, WireLimits limits) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The registry of records and enums this codec passes. */
    public PassableRegistry registry() {
        return registry;
    }

    /** The limits this codec applies in both directions. */
    public WireLimits limits() {
        return limits;
    }

    /**
     * Appends the encoding of {@code message} to {@code out}: one frame's payload, without the
     * length prefix.
     *
     * @throws NotPassableException as {@link #encodeFrame(Message, ReferenceEncoder)}; {@code out}
     *                              is then unchanged
     */
    public void encode(Message message, ReferenceEncoder references, ByteBuf out) {
        out.writeBytes(encode(message, references));
    }

    /**
     * Appends one whole frame holding {@code message} to {@code out}, as
     * {@link #encodeFrame(Message, ReferenceEncoder)} makes it.
     *
     * @throws NotPassableException as {@link #encodeFrame(Message, ReferenceEncoder)}; {@code out}
     *                              is then unchanged
     */
    public void encodeFrame(Message message, ReferenceEncoder references, ByteBuf out) {
        out.writeBytes(encodeFrame(message, references));
    }

    /**
     * One whole frame holding {@code message}: the 4-byte big-endian length {@link FrameDecoder}
     * reads, then the encoding. One array per frame, so a write needs neither a second buffer
     * for the header nor a promise to combine the two.
     *
     * @throws NotPassableException if an argument cannot cross, or the message would exceed the
     *                              limits
     */
    public byte[] encodeFrame(Message message, ReferenceEncoder references) {
        return encode(message, references, FrameDecoder.HEADER_BYTES);
    }

    /**
     * One whole frame holding {@code message}, as {@link #encodeFrame(Message, ReferenceEncoder)}
     * makes it, in a buffer: an array's, wrapped, unless the message holds long byte strings,
     * and then a buffer over a copy of the encoding's other bytes and over those byte strings'
     * own arrays, not copied: a stream's items are read from their arrays as TLS encrypts them.
     * Those arrays must not change until the frame is written, as a byte array handed to a send
     * must not.
     *
     * @throws NotPassableException as {@link #encodeFrame(Message, ReferenceEncoder)}
     */
    public ByteBuf encodeFrameBuffer(Message message, ReferenceEncoder references) {
        CborWriter cbor = written(message, references, FrameDecoder.HEADER_BYTES);
        return cbor.holds() ? cbor.toBuffer() : Unpooled.wrappedBuffer(cbor.toByteArray());
    }

    /**
     * The encoding of {@code message}: one frame's payload, without the length prefix.
     *
     * @throws NotPassableException as {@link #encodeFrame(Message, ReferenceEncoder)}
     */
    public byte[] encode(Message message, ReferenceEncoder references) {
        return encode(message, references, 0);
    }

    /** The encoding of {@code message} after {@code header} bytes that hold its length, if any. */
    private byte[] encode(Message message, ReferenceEncoder references, int header) {
        return written(message, references, header).toByteArray();
    }

    /** A writer holding {@code message} after {@code header} bytes that hold its length, if any. */
    private CborWriter written(Message message, ReferenceEncoder references, int header) {
        Objects.requireNonNull(message, "message");
        CborWriter cbor = CborWriter.lent(header);
        write(cbor, references, "message", (items, values) -> MessageWriter.write(message, items, values));
        if (header > 0) {
            cbor.setInt(0, Math.toIntExact(cbor.length() - header));
        }
        return cbor;
    }

    /**
     * Decodes the message held by the readable bytes of {@code frame}, which must hold exactly
     * one. Leaves the buffer's indexes unchanged.
     *
     * @throws ProtocolException if the bytes break any rule of the protocol
     */
    public Message decode(ByteBuf frame, ReferenceDecoder references) {
        Objects.requireNonNull(references, "references");
        checkLength(frame.readableBytes(), "frame");
        byte[] lent = lentCopy(frame);
        try {
            ItemReader items = reader(frame, lent);
            return MessageReader.read(items, new ValueReader(items, registry, references));
        } catch (PathFailure f) {
            throw f.toProtocolException();
        } finally {
            if (lent != null) {
                CborReader.giveBack(lent);
            }
        }
    }

    /**
     * Decodes the message held by {@code frame}.
     *
     * @throws ProtocolException if the bytes break any rule of the protocol
     */
    public Message decode(byte[] frame, ReferenceDecoder references) {
        return decode(Unpooled.wrappedBuffer(frame), references);
    }

    /** Writes one whole item with {@code body} after what {@code cbor} holds. */
    private void write(CborWriter cbor, ReferenceEncoder references, String what, Body body) {
        Objects.requireNonNull(references, "references");
        long start = cbor.length();
        try {
            ItemWriter items = new ItemWriter(cbor, limits);
            body.write(items, new ValueWriter(items, registry, references));
            finish(items, cbor.length() - start, what);
        } catch (PathFailure f) {
            throw f.toNotPassable();
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(ItemWriter items, ValueWriter values);
    }

    /**
     * Appends the encoding of one passable value to {@code out}.
     *
     * @throws NotPassableException as {@link #encodeValue(Object, ReferenceEncoder)}; {@code out}
     *                              is then unchanged
     */
    public void encodeValue(Object value, ReferenceEncoder references, ByteBuf out) {
        out.writeBytes(encodeValue(value, references));
    }

    /**
     * The encoding of one passable value.
     *
     * @throws NotPassableException if the value cannot cross, or exceeds the limits
     */
    public byte[] encodeValue(Object value, ReferenceEncoder references) {
        CborWriter cbor = CborWriter.lent(0);
        write(cbor, references, "value", (items, values) -> values.value(value, 0, false));
        return cbor.toByteArray();
    }

    /**
     * Decodes the one value held by the readable bytes of {@code bytes}, under the same limits
     * as a frame. Leaves the buffer's indexes unchanged.
     *
     * @throws ProtocolException if the bytes break any rule of the protocol
     */
    public Object decodeValue(ByteBuf bytes, ReferenceDecoder references) {
        Objects.requireNonNull(references, "references");
        checkLength(bytes.readableBytes(), "value");
        byte[] lent = lentCopy(bytes);
        try {
            ItemReader items = reader(bytes, lent);
            Object value = new ValueReader(items, registry, references).value(Expect.ANY, 0, false);
            items.cbor().expectEnd();
            return value;
        } catch (PathFailure f) {
            throw f.toProtocolException();
        } finally {
            if (lent != null) {
                CborReader.giveBack(lent);
            }
        }
    }

    /**
     * Decodes the one value held by {@code bytes}.
     *
     * @throws ProtocolException if the bytes break any rule of the protocol
     */
    public Object decodeValue(byte[] bytes, ReferenceDecoder references) {
        return decodeValue(Unpooled.wrappedBuffer(bytes), references);
    }

    /**
     * The bytes a {@link Descriptor.SignedEnvelope}'s signature covers: the deterministic
     * encoding of {@code certificate}, tag included.
     */
    public static byte[] signedBytes(Certificate certificate) {
        CborWriter cbor = new CborWriter();
        try {
            DescriptorWriter.write(new ItemWriter(cbor, WireLimits.defaults()), certificate, 0);
        } catch (PathFailure f) {
            throw f.toNotPassable();
        }
        return cbor.toByteArray();
    }

    /** The readable bytes of {@code in} in an array lent by this thread, or null if {@code in} has an array. */
    private static byte[] lentCopy(ByteBuf in) {
        if (in.hasArray()) {
            return null;
        }
        byte[] lent = CborReader.borrow(in.readableBytes());
        in.getBytes(in.readerIndex(), lent, 0, in.readableBytes());
        return lent;
    }

    /** A reader of the readable bytes of {@code in}, or of their copy in {@code lent}. */
    private ItemReader reader(ByteBuf in, byte[] lent) {
        int length = in.readableBytes();
        if (lent != null) {
            return new ItemReader(new CborReader(lent, 0, length), limits);
        }
        int start = in.arrayOffset() + in.readerIndex();
        return new ItemReader(new CborReader(in.array(), start, start + length), limits);
    }

    private void finish(ItemWriter items, long length, String what) {
        items.checkCount();
        if (length > limits.maxFrameBytes()) {
            throw PathFailure.notPassable(what + " of " + length + " bytes", "<= " + limits.maxFrameBytes());
        }
    }

    private void checkLength(int length, String what) {
        if (length > limits.maxFrameBytes()) {
            throw new ProtocolException(ProtocolError.LIMIT_EXCEEDED,
                    what + " length: " + length + " (expected: <= " + limits.maxFrameBytes() + ")");
        }
    }
}
