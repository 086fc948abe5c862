/**
 * Who a vat is, and how two vats prove it to each other.
 *
 * <p>A vat's identity is an Ed25519 key pair ({@link dev.erg.crypto.VatIdentity}); its name,
 * the {@link dev.erg.crypto.VatId}, is the SHA-256 of its public key, so a name can only be
 * answered by the holder of the matching private key. Links between vats are TLS 1.3 with
 * mutual authentication where trust is the key, not a certificate authority: the dialer
 * accepts only the server whose key hashes to the vat id it meant to reach, and the listener
 * accepts any Ed25519 client and learns its vat id ({@link dev.erg.crypto.VatTls}).
 * Certificates are only envelopes for keys; their validity dates and issuers carry no trust.
 *
 * <p>{@link dev.erg.crypto.SwissNumber}s are the unguessable secrets inside sturdy
 * references, and {@link dev.erg.crypto.Signatures} signs and checks handoff certificates.
 *
 * <p>Bouncy Castle is used through provider objects held by this package and is never
 * registered in {@link java.security.Security}, so the application's provider order is left
 * alone. Nothing here uses Java serialization.
 */
package dev.erg.crypto;
