package dev.erg.crypto;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;

/**
 * Trusts only the server whose key is the one named by the vat id that was dialed, except
 * that a server redirecting the dialer ({@link VatTls#REDIRECT_PROTOCOL}) may show any
 * Ed25519 key: the dialer takes nothing from it but a hint, and pins the vat id again where
 * it is sent.
 */
final class DialingTrustManager extends PeerTrustManager {

    private final VatId expected;

    DialingTrustManager(VatId expected) {
        this.expected = expected;
    }

    @Override
    void checkServer(X509Certificate[] chain, SSLSession handshake, String protocol) throws CertificateException {
        requireTls13(handshake);
        VatId actual = vatIdOf(chain);
        if (!actual.equals(expected) && !VatTls.REDIRECT_PROTOCOL.equals(protocol)) {
            throw new PeerRefusedException(
                    "server vat id: expected " + expected + ", got " + actual);
        }
    }

    @Override
    void checkClient(X509Certificate[] chain, SSLSession handshake) throws CertificateException {
        throw new CertificateException("a dialing trust manager checks servers, not clients");
    }
}
