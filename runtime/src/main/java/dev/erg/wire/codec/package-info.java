/**
 * The wire codec (internal): the deterministic CBOR encoding of values, descriptors and CapTP
 * messages, length-prefixed framing, and the checks that keep a hostile peer from making a
 * vat allocate what it should not. It performs no I/O; its only tie to Netty is
 * {@link io.netty.buffer.ByteBuf} and the two framing handlers. The protocol it implements is
 * specified in {@code spec/README.md}, and tested against {@code spec/vectors}.
 *
 * <h2>Using it</h2>
 * A {@link dev.erg.wire.codec.WireCodec} encodes and decodes {@link dev.erg.wire.codec.Message}s
 * and values for the records and enums of a {@link dev.erg.wire.PassableRegistry}, within
 * {@link dev.erg.wire.WireLimits}. References inside values are mapped by the caller, the
 * CapTP session, through a {@link dev.erg.wire.codec.ReferenceEncoder} and a
 * {@link dev.erg.wire.codec.ReferenceDecoder}, to and from
 * {@link dev.erg.wire.codec.Descriptor}s. On a channel, {@link dev.erg.wire.codec.FrameDecoder}
 * splits the byte stream; {@link dev.erg.wire.codec.WireCodec#encodeFrame} writes each
 * outgoing frame whole, in one buffer, and {@link dev.erg.wire.codec.FrameEncoder} frames
 * payloads for channels that write them bare. Bad input from a
 * peer is always a {@link dev.erg.wire.codec.ProtocolException} whose code aborts the session;
 * a value that cannot be sent is a {@link dev.erg.wire.NotPassableException}, found before
 * anything is sent. The registry's records and enums are reached through
 * {@link dev.erg.wire.codec.Registries}, which the registry keeps out of the exported API.
 *
 * <h2>Inside</h2>
 * Each direction has three layers. {@code CborReader} and {@code CborWriter} read and write
 * CBOR items in the deterministic form only. {@code ItemReader} and {@code ItemWriter} apply
 * the limits (nesting, counts, lengths) and read the protocol's own items. On top,
 * {@code DescriptorReader}, {@code ValueReader} and {@code MessageReader} (and their writers)
 * know descriptors, application values and messages. Failures travel as a stackless
 * {@code PathFailure} that collects its path segment by segment as it unwinds, so that
 * tracking where the decoder is costs nothing until something fails. Registered records are
 * taken apart and rebuilt through method handles prepared once, and their components checked
 * against an {@code Expect} compiled from their declared types.
 *
 * <h2>Why not Jackson's CBOR parser</h2>
 * The codec reads and writes CBOR itself rather than through
 * {@code tools.jackson.dataformat.cbor.CBORParser} (3.2.2), because that parser cannot enforce
 * what a peer-facing decoder must: it offers no way to see the declared length of a text or
 * byte string before reading it, and allocates byte strings of up to 250,000 bytes at their
 * declared size before checking that the input holds them; it accepts invalid UTF-8
 * (overlong forms, surrogates, unchecked 4-byte sequences); it interprets string-reference,
 * bignum and decimal-fraction tags itself, before the caller can refuse them; it turns map
 * keys that are not text into strings; it accepts every non-deterministic form, so a decoded
 * certificate would not re-encode to the bytes that were signed; and it reads a positive
 * bignum whose first byte is {@code 0x80} or more as negative. Enforcing the rules around it
 * would mean parsing every head twice. Jackson's parser remains in the tests, as an
 * independent oracle that must read every encoding this package writes.
 *
 * <h2>Threads</h2>
 * Codecs, registries, limits and {@code FrameEncoder} are immutable and may be shared; each
 * encode or decode keeps its state to itself. A {@code FrameDecoder} serves one channel.
 */
package dev.erg.wire.codec;
