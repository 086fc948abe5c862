/**
 * The values that may cross between vats, and the limits on what a peer may send.
 *
 * <p>Built-in values cross as they are: {@code null}, booleans, numbers, strings, byte
 * arrays, lists and maps of them, {@link dev.erg.vat.Problem}s, and references. An
 * application's records and enums cross when they are annotated {@link dev.erg.vat.Passable}
 * and listed in the {@link dev.erg.wire.PassableRegistry} its node decodes with; nothing else
 * is ever built from what a peer sends. {@link dev.erg.wire.WireLimits} bound what one frame
 * may make a vat read and allocate. A value that cannot be sent is a
 * {@link dev.erg.wire.NotPassableException}, found before anything is sent.
 *
 * <p>In a named module, register records through a lookup of their own code, or open their
 * package to {@code dev.erg.runtime}:
 *
 * {@snippet class=dev.erg.vat.ApiExamplesTest region="register"}
 */
package dev.erg.wire;
