package dev.erg.crypto;

import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust by key instead of by certificate authority. A peer must present exactly one
 * certificate holding an Ed25519 key, over TLS 1.3; its vat id is the hash of that key.
 * Neither the certificate's signature nor its dates matter: the handshake's
 * CertificateVerify message proves that the peer holds the private key, and the key is the
 * identity.
 *
 * <p>Subclasses decide which vat ids to accept on which side of the connection.
 */
abstract sealed class PeerTrustManager extends X509ExtendedTrustManager
        permits DialingTrustManager, ListeningTrustManager {

    static final String PROTOCOL = "TLSv1.3";

    /**
     * Checks the certificates of a server this side dialed.
     *
     * @param handshake the session being negotiated, or null when the caller gave none
     * @param protocol  the ALPN protocol the server selected, or null if none or unknown
     */
    abstract void checkServer(X509Certificate[] chain, SSLSession handshake, String protocol)
            throws CertificateException;

    /**
     * Checks the certificates of a client that dialed this side.
     *
     * @param handshake the session being negotiated, or null when the caller gave none
     */
    abstract void checkClient(X509Certificate[] chain, SSLSession handshake)
            throws CertificateException;

    /**
     * The vat id that {@code chain} proves, once the handshake proves possession of the key.
     *
     * @throws PeerRefusedException if the chain is not one certificate with an Ed25519 key
     */
    static VatId vatIdOf(Certificate[] chain) throws CertificateException {
        return VatId.ofRawPublicKey(rawKeyOf(chain));
    }

    /** The raw Ed25519 key of the single certificate of {@code chain}. */
    static byte[] rawKeyOf(Certificate[] chain) throws CertificateException {
        int length = chain == null ? 0 : chain.length;
        if (length != 1) {
            throw new PeerRefusedException(
                    "peer certificate chain: expected 1 certificate, got " + length);
        }
        try {
            return Ed25519Keys.raw(chain[0].getPublicKey(), "peer certificate key");
        } catch (IllegalArgumentException e) {
            throw new PeerRefusedException(e.getMessage());
        }
    }

    /** Refuses anything but TLS 1.3, whatever protocols the connection was configured with. */
    static void requireTls13(SSLSession handshake) throws PeerRefusedException {
        if (handshake != null && !PROTOCOL.equals(handshake.getProtocol())) {
            throw new PeerRefusedException(
                    "protocol: expected " + PROTOCOL + ", got " + handshake.getProtocol());
        }
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        checkServer(chain, null, null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(chain, handshakeOf(socket),
                socket instanceof SSLSocket ssl ? ssl.getHandshakeApplicationProtocol() : null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain, engine == null ? null : engine.getHandshakeSession(),
                engine == null ? null : engine.getHandshakeApplicationProtocol());
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        checkClient(chain, null);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClient(chain, handshakeOf(socket));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClient(chain, engine == null ? null : engine.getHandshakeSession());
    }

    /** None: naming no authority lets the peer send its own self-signed certificate. */
    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static SSLSession handshakeOf(Socket socket) {
        return socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    }
}
