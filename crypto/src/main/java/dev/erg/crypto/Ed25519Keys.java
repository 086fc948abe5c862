package dev.erg.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Conversions between Ed25519 key objects and their encodings (RFC 8410). Keys are rebuilt
 * from raw bytes so that every encoding this package writes or hashes is canonical, whatever
 * provider produced the key it started from.
 */
final class Ed25519Keys {

    static final int KEY_LENGTH = 32;

    private static final AlgorithmIdentifier ED25519 =
            new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

    /** Names for the key algorithms most likely to be found where Ed25519 was expected. */
    private static final Map<ASN1ObjectIdentifier, String> OTHER_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448");

    private Ed25519Keys() {
    }

    /** The raw key of {@code key}; {@code what} names it in error messages. */
    static byte[] raw(PublicKey key, String what) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException(
                    what + ": the " + key.getAlgorithm() + " key has no encoding");
        }
        return raw(SubjectPublicKeyInfo.getInstance(encoded), what);
    }

    /**
     * The raw key inside {@code info}.
     *
     * @throws IllegalArgumentException if {@code info} is not an RFC 8410 Ed25519 key
     */
    static byte[] raw(SubjectPublicKeyInfo info, String what) {
        requireEd25519(info.getAlgorithm(), what);
        if (info.getPublicKeyData().getPadBits() != 0) {
            throw new IllegalArgumentException(
                    what + ": Ed25519 key bit string is not whole bytes");
        }
        byte[] raw = info.getPublicKeyData().getOctets();
        requireKeyLength(raw, what);
        return raw;
    }

    static void requireEd25519(AlgorithmIdentifier algorithm, String what) {
        if (!ED25519.getAlgorithm().equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException(
                    what + ": expected an Ed25519 key, got " + nameOf(algorithm.getAlgorithm()));
        }
        if (algorithm.getParameters() != null) {
            throw new IllegalArgumentException(
                    what + ": Ed25519 algorithm parameters must be absent (RFC 8410)");
        }
    }

    static void requireKeyLength(byte[] raw, String what) {
        if (raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    what + ": expected " + KEY_LENGTH + " bytes, got " + raw.length);
        }
    }

    /** The DER SubjectPublicKeyInfo of a raw public key: what a vat id is the hash of. */
    static byte[] subjectPublicKeyInfo(byte[] raw) {
        try {
            return new SubjectPublicKeyInfo(ED25519, raw).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode an Ed25519 public key", e);
        }
    }

    /**
     * A Bouncy Castle public key object for {@code raw}.
     *
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes or not a usable point
     */
    static PublicKey publicKey(byte[] raw, String what) {
        requireKeyLength(raw, what);
        try {
            new Ed25519PublicKeyParameters(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not a valid Ed25519 public key", e);
        }
        try {
            return KeyFactory.getInstance("Ed25519", BouncyCastle.PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle refused a valid Ed25519 public key", e);
        }
    }

    /** The PKCS#8 (version 1) structure of a private key given by its 32-byte seed. */
    static PrivateKeyInfo privateKeyInfo(byte[] seed) {
        try {
            return new PrivateKeyInfo(ED25519, new DEROctetString(seed));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an Ed25519 private key", e);
        }
    }

    /** A Bouncy Castle private key object for {@code seed}, which must be 32 bytes. */
    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519", BouncyCastle.PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(privateKeyInfo(seed).getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Bouncy Castle refused a valid Ed25519 private key", e);
        }
    }

    /** The 32-byte seed of an Ed25519 private key, which is all the secret there is. */
    static byte[] seed(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            return ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back an Ed25519 private key", e);
        }
    }

    /** A readable name for a key algorithm, or its dotted number when it is not a common one. */
    static String nameOf(ASN1ObjectIdentifier algorithm) {
        String name = OTHER_ALGORITHMS.get(algorithm);
        return name == null ? algorithm.getId() : name + " (" + algorithm.getId() + ")";
    }
}
