package dev.erg.crypto;

import java.security.PublicKey;

/**
 * Ed25519 signatures for handoff certificates, and the raw 32-byte public-key encoding
 * (RFC 8032) that such certificates carry on the wire.
 *
 * <p>Verification never throws for bad input from a peer: a malformed signature, or a
 * malformed raw key, is simply not valid. All methods are thread-safe.
 */
public final class Signatures {

    /** Length of an Ed25519 signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    /** Length of a raw Ed25519 public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = Ed25519Keys.KEY_LENGTH;

    private Signatures() {
    }

    /** The 64-byte signature of {@code data} by {@code signer}. */
    public static byte[] sign(VatIdentity signer, byte[] data) {
        return signer.sign(data);
    }

    /**
     * Whether {@code signature} is a valid signature of {@code data} by {@code key}.
     *
     * @throws IllegalArgumentException if {@code key} is not an Ed25519 key
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        return BouncyCastleEd25519.verify(Ed25519Keys.raw(key, "public key"), data, signature);
    }

    /**
     * Whether {@code signature} is a valid signature of {@code data} by the key whose raw
     * encoding is {@code rawPublicKey}; false if that is not a valid Ed25519 public key.
     */
    public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        return BouncyCastleEd25519.verify(rawPublicKey, data, signature);
    }

    /**
     * The raw 32-byte encoding of an Ed25519 public key from any provider.
     *
     * @throws IllegalArgumentException if {@code key} is not an Ed25519 key
     */
    public static byte[] rawPublicKey(PublicKey key) {
        return Ed25519Keys.raw(key, "public key");
    }

    /**
     * The Ed25519 public key whose raw encoding is {@code rawPublicKey}.
     *
     * @throws IllegalArgumentException if {@code rawPublicKey} is not 32 bytes or does not
     *         encode a usable curve point
     */
    public static PublicKey publicKey(byte[] rawPublicKey) {
        return BouncyCastleEd25519.publicKey(rawPublicKey, "raw public key");
    }
}
