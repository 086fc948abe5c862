package dev.erg.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A vat's Ed25519 key pair: what lets a vat answer to its {@link VatId}.
 *
 * <p>The private key never leaves this object except through {@link #save}. Instances are
 * immutable and thread-safe.
 */
public final class VatIdentity {

    // A Bouncy Castle key object, because Bouncy Castle's TLS signer accepts no other.
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final VatId vatId;

    private VatIdentity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.vatId = VatId.of(publicKey);
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
        byte[] raw = new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded();
        return new VatIdentity(
                Ed25519Keys.privateKey(seed), Ed25519Keys.publicKey(raw, "public key"));
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

    /** The Ed25519 public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519", BouncyCastle.PROVIDER);
            signer.initSign(privateKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Bouncy Castle cannot sign with its own Ed25519 key", e);
        }
    }

    /** The private key as a Bouncy Castle object. */
    PrivateKey privateKey() {
        return privateKey;
    }

    /** A copy of the 32-byte secret seed; callers wipe it when done. */
    byte[] seed() {
        return Ed25519Keys.seed(privateKey);
    }

    /** {@code VatIdentity[<vat id>]}; never shows the private key. */
    @Override
    public String toString() {
        return "VatIdentity[" + vatId + "]";
    }
}
