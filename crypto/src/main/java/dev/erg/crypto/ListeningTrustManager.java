package dev.erg.crypto;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;

/**
 * Trusts any client with an Ed25519 key: anyone may connect, and the handshake proves which
 * vat id they have, which the listener reads with {@link VatTls#peerOf}.
 */
final class ListeningTrustManager extends PeerTrustManager {

    static final ListeningTrustManager INSTANCE = new ListeningTrustManager();

    private ListeningTrustManager() {
    }

    @Override
    void checkClient(X509Certificate[] chain, SSLSession handshake) throws CertificateException {
        requireTls13(handshake);
        vatIdOf(chain);
    }

    @Override
    void checkServer(X509Certificate[] chain, SSLSession handshake, String protocol) throws CertificateException {
        throw new CertificateException("a listening trust manager checks clients, not servers");
    }
}
