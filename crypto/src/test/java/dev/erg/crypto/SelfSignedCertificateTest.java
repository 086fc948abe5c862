package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    private final X509Certificate certificate = SelfSignedCertificate.of(ALICE);

    @Test
    void namesTheVatIdAsSubjectAndIssuer() {
        String name = "CN=" + ALICE.vatId();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo(name);
        assertThat(certificate.getIssuerX500Principal().getName()).isEqualTo(name);
    }

    @Test
    void carriesTheVatKey() {
        assertThat(VatId.of(certificate.getPublicKey())).isEqualTo(ALICE.vatId());
    }

    @Test
    void isAnX509v3CertificateSignedByItsOwnKey() throws Exception {
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSigAlgName()).isEqualTo("Ed25519");
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void isValidFrom1970ToTheEndOf9999() throws Exception {
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(Instant.EPOCH);
        assertThat(certificate.getNotAfter().toInstant())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        certificate.checkValidity(new Date());
    }

    @Test
    void mayBeUsedByTlsClientsAndServers() throws Exception {
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getExtendedKeyUsage())
                .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void isTheSameEveryTimeForTheSameKey() throws Exception {
        byte[] encoded = certificate.getEncoded();

        assertThat(SelfSignedCertificate.of(ALICE).getEncoded()).isEqualTo(encoded);
        assertThat(SelfSignedCertificate.of(Fixtures.BOB).getEncoded()).isNotEqualTo(encoded);
    }

    @Test
    void isByteForByteWhatBouncyCastlesCertificateBuilderMakes() throws Exception {
        for (VatIdentity identity : new VatIdentity[] {ALICE, Fixtures.BOB, VatIdentity.fromSeed(Fixtures.RFC8032_SEED)}) {
            assertThat(SelfSignedCertificate.encoded(identity)).isEqualTo(builtByBouncyCastle(identity));
        }
    }

    /** The certificate as this class made it with Bouncy Castle's builder before it wrote the DER itself. */
    private static byte[] builtByBouncyCastle(VatIdentity identity) throws Exception {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, identity.vatId().toString()).build();
        return new X509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.EPOCH),
                Date.from(Instant.parse("9999-12-31T23:59:59Z")), name,
                SubjectPublicKeyInfo.getInstance(identity.publicKey().getEncoded()))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .build(new JcaContentSignerBuilder("Ed25519").setProvider(BouncyCastle.PROVIDER).build(identity.privateKey()))
                .getEncoded();
    }
}
