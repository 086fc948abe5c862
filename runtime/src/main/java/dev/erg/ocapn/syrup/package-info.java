/**
 * Syrup, OCapN's encoding (internal): a strict codec for it, and the mapping of OCapN's
 * passable values to Erg's Java types. It performs no I/O; its only tie to Netty is
 * {@link io.netty.buffer.ByteBuf}. The rules it enforces and the mapping are specified in
 * {@code spec/ocapn.md} and tested against {@code spec/vectors/ocapn}.
 *
 * <h2>Layers</h2>
 * {@link dev.erg.ocapn.syrup.SyrupReader} and {@link dev.erg.ocapn.syrup.SyrupWriter} read and
 * write Syrup items in their canonical form only, within {@link dev.erg.wire.WireLimits}, as
 * the CBOR reader and writer of {@code dev.erg.wire.codec} do for {@code erg/1}: every length is
 * checked before anything of that size is allocated, dictionary keys and set items are checked
 * to be sorted and unique as they are read, and every failure is a
 * {@link dev.erg.ocapn.syrup.SyrupException} naming the rule, the offset and what was expected.
 * On them sit {@link dev.erg.ocapn.syrup.Syrup}, every Syrup value to plain Java values, and
 * {@link dev.erg.ocapn.syrup.PassableReader} and {@link dev.erg.ocapn.syrup.PassableWriter},
 * OCapN's passables to Erg's values. A reader of CapTP's {@code op:*} records walks a record
 * with the reader's {@code enter}, {@code readSymbol} and {@code exit}, reads arguments with a
 * {@code PassableReader}, and resolves descriptors through a
 * {@link dev.erg.ocapn.syrup.ReferenceCodec}, as {@code MessageReader} sits on the CBOR reader.
 *
 * <h2>What it reuses from {@code erg/1}</h2>
 * The limits ({@code WireLimits}), the error codes ({@code ProtocolError}, so an abort names
 * the same rules on both wires; {@link dev.erg.ocapn.syrup.SyrupException#toProtocolException()}
 * turns a failure into the exception a session aborts with), {@code Problem} for errors,
 * {@code NotPassableException} for what cannot be sent, and {@code Bytes}. Not the path
 * tracking of the CBOR codec ({@code PathFailure} is private to its package), nor registered
 * records and enums: {@code PassableRegistry} exposes their shape only to
 * {@code dev.erg.wire.codec}, so they have no OCapN form yet.
 *
 * <h2>Threads</h2>
 * The static codecs and the value types are immutable; a reader or writer serves one input or
 * output on one thread.
 */
package dev.erg.ocapn.syrup;
