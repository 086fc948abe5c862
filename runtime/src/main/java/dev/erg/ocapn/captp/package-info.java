/**
 * OCapN's CapTP, as its drafts specify it ({@code spec/ocapn.md}, section 7): the operations
 * ({@link dev.erg.ocapn.captp.Operation}) and descriptors ({@link dev.erg.ocapn.captp.Descriptor})
 * as records, read and written on {@link dev.erg.ocapn.syrup Syrup} by
 * {@link dev.erg.ocapn.captp.CaptpReader} and {@link dev.erg.ocapn.captp.CaptpWriter}; the
 * Ed25519 key and signature forms ({@link dev.erg.ocapn.captp.Gcrypt}), public and session ids
 * ({@link dev.erg.ocapn.captp.SessionIds}), handoff certificates, and node and sturdy ref
 * locators with their {@code ocapn://} URIs ({@link dev.erg.ocapn.captp.LocatorUris}).
 *
 * <p>This package does no I/O and keeps no session state: it is the OCapN counterpart of the
 * {@code erg/1} wire codec, below the session engine.
 *
 * <h2>Threads</h2>
 * The records and the reader and writer are immutable and may be shared.
 */
package dev.erg.ocapn.captp;
