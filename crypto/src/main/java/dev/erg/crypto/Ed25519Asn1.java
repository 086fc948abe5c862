package dev.erg.crypto;

import java.io.IOException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Ed25519 key encodings read with Bouncy Castle's ASN.1 parser: the encodings that are not
 * canonical, which {@link Ed25519Keys} does not read itself, and the errors in them, named.
 */
final class Ed25519Asn1 {

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

    private Ed25519Asn1() {
    }

    /**
     * The raw key in the DER SubjectPublicKeyInfo {@code encoded}.
     *
     * @throws IllegalArgumentException if it is not DER, or not an RFC 8410 Ed25519 key
     */
    static byte[] rawPublicKey(byte[] encoded, String what) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(encoded));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        requireEd25519(info.getAlgorithm(), what);
        if (info.getPublicKeyData().getPadBits() != 0) {
            throw new IllegalArgumentException(
                    what + ": Ed25519 key bit string is not whole bytes");
        }
        byte[] raw = info.getPublicKeyData().getOctets();
        Ed25519Keys.requireKeyLength(raw, what);
        return raw;
    }

    /** The PKCS#8 (version 1) structure of a private key given by its 32-byte seed. */
    static PrivateKeyInfo privateKeyInfo(byte[] seed) {
        try {
            return new PrivateKeyInfo(ED25519, new DEROctetString(seed));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an Ed25519 private key", e);
        }
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

    /** A readable name for a key algorithm, or its dotted number when it is not a common one. */
    private static String nameOf(ASN1ObjectIdentifier algorithm) {
        String name = OTHER_ALGORITHMS.get(algorithm);
        return name == null ? algorithm.getId() : name + " (" + algorithm.getId() + ")";
    }
}
