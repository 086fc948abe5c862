package dev.erg.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A vat's Ed25519 key pair: what lets a vat answer to its {@link VatId}.
 *
 * <p>The private key never leaves this object except through {@link #save}. Instances are
 * immutable and thread-safe.
 */
public final class VatIdentity {

    // The 32-byte RFC 8032 private key, from which each provider's key objects are made.
    private final byte[] seed;
    private final byte[] rawPublicKey;
    private final PublicKey publicKey;
    private final VatId vatId;

    private VatIdentity(byte[] seed, byte[] rawPublicKey) {
        this.seed = seed;
        this.rawPublicKey = rawPublicKey;
        this.publicKey = Ed25519Keys.jdkPublicKey(rawPublicKey);
        this.vatId = VatId.ofRawPublicKey(rawPublicKey);
    }

    /** A new key pair drawn from {@code random}, which should be a strong CSPRNG. */
    public static VatIdentity generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519Keys.KEY_LENGTH];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Reads a key pair written by {@link #save}, or any PKCS#8 Ed25519 private key in PEM.
     * A passphrase given for an unencrypted file is not needed and is ignored.
     *
     * @param passphrase the passphrase of an encrypted file, or {@code null}
     * @throws KeyFileException if the file is empty, not PEM, truncated, malformed, holds
     *         another kind of key, is encrypted and {@code passphrase} is null, or
     *         {@code passphrase} is wrong
     * @throws IOException if the file cannot be read
     */
    public static VatIdentity load(Path file, char[] passphrase) throws IOException {
        byte[] seed = KeyFile.read(Objects.requireNonNull(file, "file"), passphrase);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The identity whose private key is the 32-byte RFC 8032 {@code seed}. */
    static VatIdentity fromSeed(byte[] seed) {
        return new VatIdentity(seed.clone(), Ed25519Keys.publicKeyOf(seed));
    }

    /**
     * Writes the private key to {@code file} as PKCS#8 PEM, encrypted when a passphrase is
     * given, replacing any existing file atomically. On file systems with POSIX permissions
     * the file is created with mode 0600 and is never readable by others, not even briefly.
     *
     * @param passphrase the passphrase to encrypt with, or {@code null} to write the key in
     *        the clear
     * @throws IllegalArgumentException if {@code passphrase} is empty
     * @throws IOException if the file cannot be written; it is then left as it was
     */
    public void save(Path file, char[] passphrase) throws IOException {
        byte[] seed = seed();
        try {
            KeyFile.write(Objects.requireNonNull(file, "file"), seed, passphrase);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The vat id this key pair answers to. */
    public VatId vatId() {
        return vatId;
    }

    /** The Ed25519 public key, as a JDK key object. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature of {@code data}, made with Bouncy Castle for speed. */
    public byte[] sign(byte[] data) {
        return BouncyCastleEd25519.sign(seed, data);
    }

    /** The private key as a Bouncy Castle object: Bouncy Castle's TLS signer accepts no other. */
    PrivateKey privateKey() {
        return BouncyCastleEd25519.privateKey(seed);
    }

    /** The private key as a JDK object. */
    PrivateKey jdkPrivateKey() {
        return Ed25519Keys.jdkPrivateKey(seed);
    }

    /** A copy of the raw 32-byte public key. */
    byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    /** A copy of the 32-byte secret seed; callers wipe it when done. */
    byte[] seed() {
        return seed.clone();
    }

    /** {@code VatIdentity[<vat id>]}; never shows the private key. */
    @Override
    public String toString() {
        return "VatIdentity[" + vatId + "]";
    }
}
