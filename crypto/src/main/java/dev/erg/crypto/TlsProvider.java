package dev.erg.crypto;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Which TLS implementation carries a vat's connections. Both speak the same TLS 1.3 and
 * interoperate in every combination; they differ in speed.
 */
public enum TlsProvider {

    /** The JDK's SunJSSE with the JDK's cryptography. */
    JDK,

    /**
     * Bouncy Castle's BCJSSE with Bouncy Castle's cryptography, whose Ed25519 is about ten
     * times faster than the JDK's, making full handshakes several times cheaper; its bulk
     * encryption of small records was measured about a fifth slower than the JDK's.
     */
    BOUNCY_CASTLE;

    /** The JSSE provider to get {@code SSLContext}s and key managers from. */
    Provider jsse() {
        return switch (this) {
            case JDK -> {
                Provider sunJsse = Security.getProvider("SunJSSE");
                if (sunJsse == null) {
                    throw new IllegalStateException("this JDK has no SunJSSE provider");
                }
                yield sunJsse;
            }
            case BOUNCY_CASTLE -> BouncyCastle.JSSE;
        };
    }

    /**
     * The private key of {@code identity} as an object this provider can sign with: each
     * provider's signer refuses the other's key objects.
     */
    PrivateKey privateKey(VatIdentity identity) {
        return switch (this) {
            case JDK -> identity.jdkPrivateKey();
            case BOUNCY_CASTLE -> identity.privateKey();
        };
    }

    /**
     * Parses a certificate into this provider's own certificate objects: the JDK's key
     * managers look for "EdDSA" keys where Bouncy Castle's look for "Ed25519".
     */
    X509Certificate certificate(byte[] der) {
        try {
            CertificateFactory factory = switch (this) {
                case JDK -> CertificateFactory.getInstance("X.509", "SUN");
                case BOUNCY_CASTLE ->
                        CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER);
            };
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot parse a vat certificate with " + this, e);
        }
    }
}
