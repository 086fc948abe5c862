package dev.erg.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 keys with the JDK's own cryptography, and their canonical encodings (RFC 8410).
 * Keys are rebuilt from raw bytes so that every encoding this package writes or hashes is
 * canonical, whatever provider produced the key it started from.
 *
 * <p>Nothing here touches Bouncy Castle: a command that only connects never loads it, which
 * spares it the verification of Bouncy Castle's signed jars and the construction of its
 * provider. Encodings that are not the canonical ones are handed to {@link Ed25519Asn1}, which
 * reads any DER and says what is wrong with it.
 */
final class Ed25519Keys {

    static final int KEY_LENGTH = 32;

    /** A SubjectPublicKeyInfo of an Ed25519 key, up to the key: the only DER encoding there is. */
    private static final byte[] PUBLIC_KEY_PREFIX = Der.hex("302a300506032b6570032100");

    /** A PKCS#8 version 1 Ed25519 private key, up to the seed. */
    private static final byte[] PRIVATE_KEY_PREFIX = Der.hex("302e020100300506032b657004220420");

    private Ed25519Keys() {
    }

    /** The raw key of {@code key}; {@code what} names it in error messages. */
    static byte[] raw(PublicKey key, String what) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException(
                    what + ": the " + key.getAlgorithm() + " key has no encoding");
        }
        return raw(encoded, what);
    }

    /**
     * The raw key of the DER SubjectPublicKeyInfo {@code encoded}.
     *
     * @throws IllegalArgumentException if it is not an RFC 8410 Ed25519 key
     */
    static byte[] raw(byte[] encoded, String what) {
        byte[] raw = afterPrefix(PUBLIC_KEY_PREFIX, encoded);
        return raw != null ? raw : Ed25519Asn1.rawPublicKey(encoded, what);
    }

    static void requireKeyLength(byte[] raw, String what) {
        if (raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    what + ": expected " + KEY_LENGTH + " bytes, got " + raw.length);
        }
    }

    /** The DER SubjectPublicKeyInfo of a raw public key: what a vat id is the hash of. */
    static byte[] subjectPublicKeyInfo(byte[] raw) {
        requireKeyLength(raw, "public key");
        return Der.concat(PUBLIC_KEY_PREFIX, raw);
    }

    /** The DER PKCS#8 (version 1) encoding of a private key given by its 32-byte seed. */
    static byte[] privateKeyInfo(byte[] seed) {
        requireKeyLength(seed, "private key");
        return Der.concat(PRIVATE_KEY_PREFIX, seed);
    }

    /**
     * The seed of the PKCS#8 private key {@code encoded} if it is in the canonical form that
     * {@link #privateKeyInfo} writes (as OpenSSL does), else null.
     */
    static byte[] seedOfCanonical(byte[] encoded) {
        return afterPrefix(PRIVATE_KEY_PREFIX, encoded);
    }

    /** The raw public key of the private key {@code seed}. */
    static byte[] publicKeyOf(byte[] seed) {
        requireKeyLength(seed, "private key");
        try {
            // The JDK makes a key pair's private key from the random source's next 32 bytes.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", "SunEC");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            return raw(generator.generateKeyPair().getPublic(), "public key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider lacks Ed25519", e);
        }
    }

    /** A JDK public key object for the valid key {@code raw}. */
    static PublicKey jdkPublicKey(byte[] raw) {
        try {
            return KeyFactory.getInstance("Ed25519", "SunEC")
                    .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider lacks Ed25519", e);
        }
    }

    /** A JDK private key object for {@code seed}. */
    static PrivateKey jdkPrivateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519", "SunEC")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunEC provider lacks Ed25519", e);
        }
    }

    /** What follows {@code prefix} in {@code encoded}, if that is exactly a key's length, else null. */
    private static byte[] afterPrefix(byte[] prefix, byte[] encoded) {
        if (encoded.length != prefix.length + KEY_LENGTH
                || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }
}
