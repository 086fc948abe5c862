package dev.erg.crypto;

import dev.erg.crypto.KeyFileException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * The PKCS#8 forms of a key file that take an ASN.1 parser, read and written with Bouncy
 * Castle: keys encrypted with PBES2 (PBKDF2-HMAC-SHA256 and AES-256-CBC), and plain keys not
 * in the canonical form {@link Ed25519Keys} reads itself.
 */
final class Pkcs8Keys {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; about 0.3 s on one core. */
    private static final int PBKDF2_ITERATIONS = 600_000;

    private static final AlgorithmIdentifier HMAC_SHA256 =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);

    private Pkcs8Keys() {
    }

    /** The DER of {@code seed}'s key encrypted with {@code passphrase}. */
    static byte[] encrypt(byte[] seed, char[] passphrase) throws IOException {
        PrivateKeyInfo key = Ed25519Asn1.privateKeyInfo(seed);
        try {
            OutputEncryptor encryptor =
                    new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                            .setPRF(HMAC_SHA256)
                            .setIterationCount(PBKDF2_ITERATIONS)
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfoBuilder(key).build(encryptor).getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle lacks PBES2 with AES-256", e);
        }
    }

    /**
     * The seed of the key in the encrypted PKCS#8 {@code der}.
     *
     * @throws KeyFileException if it cannot be decrypted or holds no usable key
     */
    static byte[] decrypt(Path file, byte[] der, char[] passphrase) throws KeyFileException {
        EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFileException(file, Reason.MALFORMED,
                    "not a PKCS#8 encrypted private key: " + e.getMessage());
        }
        AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
        InputDecryptor decryptor;
        try {
            decryptor = new JcePKCSPBEInputDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(passphrase)
                    .get(algorithm);
        } catch (OperatorCreationException | IllegalArgumentException e) {
            throw new KeyFileException(file, Reason.MALFORMED, "unsupported key encryption "
                    + algorithm.getAlgorithm() + ": " + e.getMessage());
        }
        byte[] ciphertext = encrypted.getEncryptedData();
        PrivateKeyInfo info;
        try (InputStream plain = decryptor.getInputStream(new ByteArrayInputStream(ciphertext))) {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(plain.readAllBytes()));
        } catch (IOException | IllegalArgumentException e) {
            // A wrong key fails the padding check, or rarely passes it and yields non-DER junk.
            throw new KeyFileException(file, Reason.WRONG_PASSPHRASE, "wrong passphrase");
        }
        return seedOf(file, info);
    }

    /**
     * The seed of the key in the PKCS#8 {@code der}, in any form a parser accepts.
     *
     * @throws KeyFileException if it is not PKCS#8 or holds no usable key
     */
    static byte[] seedOf(Path file, byte[] der) throws KeyFileException {
        return seedOf(file, parse(file, der));
    }

    private static PrivateKeyInfo parse(Path file, byte[] der) throws KeyFileException {
        try {
            return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFileException(file, Reason.MALFORMED,
                    "not a PKCS#8 private key: " + e.getMessage());
        }
    }

    private static byte[] seedOf(Path file, PrivateKeyInfo info) throws KeyFileException {
        try {
            Ed25519Asn1.requireEd25519(info.getPrivateKeyAlgorithm(), "private key");
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, Reason.NOT_ED25519, e.getMessage());
        }
        byte[] seed;
        try {
            seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFileException(file, Reason.MALFORMED,
                    "Ed25519 private key is not an octet string: " + e.getMessage());
        }
        if (seed.length != Ed25519Keys.KEY_LENGTH) {
            throw new KeyFileException(file, Reason.MALFORMED, "Ed25519 private key: expected "
                    + Ed25519Keys.KEY_LENGTH + " bytes, got " + seed.length);
        }
        return seed;
    }
}
