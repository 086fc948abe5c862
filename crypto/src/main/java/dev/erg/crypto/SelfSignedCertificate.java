package dev.erg.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The X.509 certificate a vat shows in TLS: self-signed, subject {@code CN=<vat id>}, usable
 * by both TLS clients and servers. It is only an envelope for the public key; peers trust the
 * key it carries, never its dates or its issuer, so it is valid from 1970 until the end of
 * the year 9999 (RFC 5280's "no well-defined expiration"). Ed25519 signatures are
 * deterministic and nothing else varies, so a key always yields the same certificate.
 */
public final class SelfSignedCertificate {

    private static final Instant NOT_BEFORE = Instant.EPOCH;
    private static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

    private SelfSignedCertificate() {
    }

    /** The certificate of {@code identity}, as a JDK certificate object. */
    public static X509Certificate of(VatIdentity identity) {
        return TlsProvider.JDK.certificate(encoded(identity));
    }

    /** The DER encoding of the certificate of {@code identity}. */
    static byte[] encoded(VatIdentity identity) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, identity.vatId().toString())
                .build();
        try {
            return new X509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(NOT_BEFORE),
                    Date.from(NOT_AFTER),
                    name,
                    SubjectPublicKeyInfo.getInstance(identity.publicKey().getEncoded()))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {
                                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .build(new JcaContentSignerBuilder("Ed25519")
                            .setProvider(BouncyCastle.PROVIDER)
                            .build(identity.privateKey()))
                    .getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("Bouncy Castle cannot certify its own Ed25519 key", e);
        }
    }
}
