package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class VatKeyManagerTest {

    private final X509Certificate certificate = SelfSignedCertificate.of(ALICE);
    private final VatKeyManager manager = new VatKeyManager(ALICE.jdkPrivateKey(), certificate);

    @Test
    void offersTheVatKeyWhenAskedForEd25519UnderEitherName() {
        assertThat(manager.chooseEngineServerAlias("EdDSA", null, null)).isEqualTo(VatKeyManager.ALIAS);
        assertThat(manager.chooseServerAlias("Ed25519", null, null)).isEqualTo(VatKeyManager.ALIAS);
        assertThat(manager.chooseEngineClientAlias(new String[] {"RSA", "EdDSA"}, null, null))
                .isEqualTo(VatKeyManager.ALIAS);
        assertThat(manager.getClientAliases("EdDSA", null)).containsExactly(VatKeyManager.ALIAS);
    }

    @Test
    void offersNothingForOtherKeyTypes() {
        assertThat(manager.chooseEngineServerAlias("EC", null, null)).isNull();
        assertThat(manager.chooseClientAlias(new String[] {"RSA", "EC"}, null, null)).isNull();
        assertThat(manager.chooseEngineClientAlias(null, null, null)).isNull();
        assertThat(manager.getServerAliases("RSA", null)).isNull();
    }

    @Test
    void givesTheKeyAndCertificateForItsAliasAlone() {
        assertThat(manager.getCertificateChain(VatKeyManager.ALIAS)).containsExactly(certificate);
        assertThat(manager.getPrivateKey(VatKeyManager.ALIAS).getEncoded())
                .isEqualTo(ALICE.jdkPrivateKey().getEncoded());
        assertThat(manager.getCertificateChain("other")).isNull();
        assertThat(manager.getPrivateKey("other")).isNull();
    }
}
