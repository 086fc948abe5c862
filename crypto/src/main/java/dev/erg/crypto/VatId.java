package dev.erg.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * The name of a vat: the SHA-256 of its Ed25519 public key's DER SubjectPublicKeyInfo. Only
 * the holder of the matching private key can answer to it, so a reference that names a vat
 * id names exactly who may serve it.
 *
 * <p>The text form is the hash in lower-case RFC 4648 base32 without padding, always
 * {@value #TEXT_LENGTH} characters; {@link #parse} also accepts upper case.
 *
 * <p>Instances are immutable and thread-safe. They order by their bytes as unsigned numbers,
 * which is not the alphabetical order of their texts.
 */
public final class VatId implements Comparable<VatId> {

    /** Length of a vat id in bytes. */
    public static final int LENGTH = 32;

    /** Length of the text form in characters. */
    public static final int TEXT_LENGTH = 52;

    private final byte[] hash;
    private final String text;

    private VatId(byte[] hash) {
        this.hash = hash;
        this.text = Base32.encode(hash);
    }

    /**
     * The vat id of an Ed25519 public key from any provider.
     *
     * @throws IllegalArgumentException if {@code key} is not an Ed25519 key
     */
    public static VatId of(PublicKey key) {
        return ofRawPublicKey(Ed25519Keys.raw(Objects.requireNonNull(key, "key"), "public key"));
    }

    /**
     * The vat id of an Ed25519 public key given as its 32 raw bytes (RFC 8032), as carried in
     * handoff certificates.
     *
     * @throws IllegalArgumentException if {@code rawPublicKey} is not 32 bytes long
     */
    public static VatId ofRawPublicKey(byte[] rawPublicKey) {
        Ed25519Keys.requireKeyLength(rawPublicKey, "raw public key");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return new VatId(sha256.digest(Ed25519Keys.subjectPublicKeyInfo(rawPublicKey)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The vat id written as {@code text}, in either case.
     *
     * @throws IllegalArgumentException if {@code text} is not {@value #TEXT_LENGTH} base32
     *         characters of a canonical encoding; the message says which rule was broken
     */
    public static VatId parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "vat id: expected " + TEXT_LENGTH + " characters, got " + text.length());
        }
        return new VatId(Base32.decode(text, "vat id"));
    }

    /**
     * The vat id whose {@link #bytes()} are {@code bytes}.
     *
     * @throws IllegalArgumentException if {@code bytes} is not {@value #LENGTH} bytes long
     */
    public static VatId fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "vat id: expected " + LENGTH + " bytes, got " + bytes.length);
        }
        return new VatId(bytes.clone());
    }

    /** Whether {@code key} is the Ed25519 key this id names; false for keys of other types. */
    public boolean matches(PublicKey key) {
        try {
            return equals(of(key));
        } catch (IllegalArgumentException notEd25519) {
            return false;
        }
    }

    /** A copy of the {@value #LENGTH} hash bytes. */
    public byte[] bytes() {
        return hash.clone();
    }

    /** The text form: {@value #TEXT_LENGTH} lower-case base32 characters. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VatId that && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public int compareTo(VatId other) {
        return Arrays.compareUnsigned(hash, other.hash);
    }
}
