package dev.erg.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Deterministic keys and randomness for tests. */
final class Fixtures {

    /** RFC 8032 section 7.1, test 1: an Ed25519 seed and its public key. */
    static final byte[] RFC8032_SEED =
            hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    static final byte[] RFC8032_PUBLIC_KEY =
            hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    /** The vat id of {@link #RFC8032_PUBLIC_KEY}, computed with Python's hashlib and base64. */
    static final String RFC8032_VAT_ID = "a3r73d62fg5wbk2zkv66mhw3blwnwiyrgs7dbz23ivpy4g3zf6uq";

    static final VatIdentity ALICE = identity(1);
    static final VatIdentity BOB = identity(2);
    static final VatIdentity MALLORY = identity(3);

    private Fixtures() {
    }

    /** A SecureRandom that yields the same bytes for the same seed. */
    static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static VatIdentity identity(long seed) {
        return VatIdentity.generate(seededRandom(seed));
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** A P-256 key pair, the kind of key a peer must not be able to pass off as a vat key. */
    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, seededRandom(4));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A self-signed certificate for an EC key, parsed by the JDK. */
    static X509Certificate ecCertificate(KeyPair keys) {
        try {
            X500Name name = new X500Name("CN=not a vat");
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.ONE, Date.from(Instant.EPOCH),
                    Date.from(Instant.parse("9999-12-31T23:59:59Z")), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(keys.getPrivate())));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
