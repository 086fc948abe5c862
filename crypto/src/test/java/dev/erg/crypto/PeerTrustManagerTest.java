package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static dev.erg.crypto.Fixtures.BOB;
import static dev.erg.crypto.Fixtures.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

class PeerTrustManagerTest {

    private static final X509Certificate BOB_CERTIFICATE = SelfSignedCertificate.of(BOB);
    private static final X509Certificate MALLORY_CERTIFICATE = SelfSignedCertificate.of(MALLORY);
    private static final X509Certificate EC_CERTIFICATE =
            Fixtures.ecCertificate(Fixtures.ecKeyPair());

    private static final String NOT_ED25519 =
            "peer certificate key: expected an Ed25519 key, got EC (1.2.840.10045.2.1)";

    private final VatTls tls = VatTls.of(ALICE, TlsProvider.JDK);
    private final X509ExtendedTrustManager dialing = tls.trustManagerForDialing(BOB.vatId());
    private final X509ExtendedTrustManager listening = tls.trustManagerForListening();

    @Test
    void dialingAcceptsThePinnedServer() {
        assertThatCode(() -> dialing.checkServerTrusted(
                chain(BOB_CERTIFICATE), "EdDSA", (SSLEngine) null)).doesNotThrowAnyException();
    }

    @Test
    void dialingRefusesAnotherServerNamingBothVatIds() {
        assertThatThrownBy(() -> dialing.checkServerTrusted(chain(MALLORY_CERTIFICATE), "EdDSA"))
                .isInstanceOf(PeerRefusedException.class)
                .hasMessage("server vat id: expected " + BOB.vatId() + ", got " + MALLORY.vatId());
    }

    @Test
    void dialingRefusesALongerChain() {
        assertThatThrownBy(() -> dialing.checkServerTrusted(
                chain(BOB_CERTIFICATE, MALLORY_CERTIFICATE), "EdDSA"))
                .isInstanceOf(PeerRefusedException.class)
                .hasMessage("peer certificate chain: expected 1 certificate, got 2");
    }

    @Test
    void dialingRefusesAnEmptyChain() {
        assertThatThrownBy(() -> dialing.checkServerTrusted(chain(), "EdDSA"))
                .isInstanceOf(PeerRefusedException.class)
                .hasMessage("peer certificate chain: expected 1 certificate, got 0");
    }

    @Test
    void dialingRefusesAnotherKeyType() {
        assertThatThrownBy(() -> dialing.checkServerTrusted(chain(EC_CERTIFICATE), "EC"))
                .isInstanceOf(PeerRefusedException.class)
                .hasMessage(NOT_ED25519);
    }

    @Test
    void dialingChecksNoClients() {
        assertThatThrownBy(() -> dialing.checkClientTrusted(chain(BOB_CERTIFICATE), "EdDSA"))
                .isInstanceOf(CertificateException.class)
                .isNotInstanceOf(PeerRefusedException.class)
                .hasMessage("a dialing trust manager checks servers, not clients");
    }

    @Test
    void listeningAcceptsAnyEd25519Client() {
        assertThatCode(() -> {
            listening.checkClientTrusted(chain(BOB_CERTIFICATE), "EdDSA");
            listening.checkClientTrusted(chain(MALLORY_CERTIFICATE), "EdDSA", (SSLEngine) null);
        }).doesNotThrowAnyException();
    }

    @Test
    void listeningRefusesAnotherKeyTypeAndLongerChains() {
        assertThatThrownBy(() -> listening.checkClientTrusted(chain(EC_CERTIFICATE), "EC"))
                .isInstanceOf(PeerRefusedException.class)
                .hasMessage(NOT_ED25519);
        assertThatThrownBy(() -> listening.checkClientTrusted(
                chain(BOB_CERTIFICATE, BOB_CERTIFICATE), "EdDSA"))
                .isInstanceOf(PeerRefusedException.class)
                .hasMessage("peer certificate chain: expected 1 certificate, got 2");
    }

    @Test
    void listeningChecksNoServers() {
        assertThatThrownBy(() -> listening.checkServerTrusted(chain(BOB_CERTIFICATE), "EdDSA"))
                .isInstanceOf(CertificateException.class)
                .isNotInstanceOf(PeerRefusedException.class)
                .hasMessage("a listening trust manager checks clients, not servers");
    }

    @Test
    void namesNoAuthorities() {
        assertThat(dialing.getAcceptedIssuers()).isEmpty();
        assertThat(listening.getAcceptedIssuers()).isEmpty();
    }

    @Test
    void refusalIsFoundHoweverItIsWrapped() {
        PeerRefusedException refusal = new PeerRefusedException("server vat id: expected a, got b");
        Exception alert = new Exception("certificate_unknown(46)", refusal);
        SSLHandshakeException handshake = new SSLHandshakeException("certificate_unknown");
        handshake.initCause(alert);
        Exception suppressing = new Exception("closing");
        suppressing.addSuppressed(handshake);

        assertThat(VatTls.refusalIn(handshake)).containsSame(refusal);
        assertThat(VatTls.refusalIn(suppressing)).containsSame(refusal);
        assertThat(VatTls.refusalIn(refusal)).containsSame(refusal);
    }

    @Test
    void noRefusalIsFoundWhereThereIsNone() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.addSuppressed(second);

        assertThat(VatTls.refusalIn(new SSLHandshakeException("Received fatal alert"))).isEmpty();
        assertThat(VatTls.refusalIn(second)).isEmpty();
    }

    private static X509Certificate[] chain(X509Certificate... certificates) {
        return certificates;
    }
}
