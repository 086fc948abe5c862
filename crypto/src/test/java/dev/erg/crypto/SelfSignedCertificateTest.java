package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
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
}
