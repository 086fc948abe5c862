package dev.erg.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The pieces a TLS stack needs to connect vats: mutual TLS 1.3 where each side shows its
 * vat key in a {@link SelfSignedCertificate} and trust is pinned to keys, not authorities.
 * They are plain JSSE objects, so a Netty {@code SslContext} or a JSSE {@code SSLContext}
 * can be built from them.
 *
 * <ul>
 *   <li>Both sides present the {@link #keyManager()} of their own identity.
 *   <li>The dialing side pins the vat id it means to reach with
 *       {@link #trustManagerForDialing(VatId)}, a new trust manager for each connection:
 *       a server that shows any other key fails the handshake.
 *   <li>The listening side accepts any client with an Ed25519 key through
 *       {@link #trustManagerForListening()}, must require client authentication, and reads
 *       who connected with {@link #peerOf(SSLSession)}.
 *   <li>Both sides enable only {@link #PROTOCOL}; the trust managers also refuse any other
 *       protocol, so a misconfigured side fails closed.
 * </ul>
 *
 * <p>Trust managers refuse a peer by throwing {@link PeerRefusedException}; the TLS stack
 * then fails the handshake with an exception that wraps it, which {@link #refusalIn} finds.
 * In TLS 1.3 a client learns that the server refused <em>its</em> certificate only when it
 * first reads, so a connection counts as established only after one round trip of
 * application data.
 *
 * <p>A session is resumed without checking certificates again. Dialers cannot resume when
 * each connection gets its own context, as it does with one pinned trust manager per
 * connection; a listener that resumes a session keeps the client certificate of the full
 * handshake. Either way {@link #peerOf} names the key proven in a full handshake, and a
 * dialer that shares contexts must compare it with the vat id it dialed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class VatTls {

    /** The only TLS version vats speak. */
    public static final String PROTOCOL = PeerTrustManager.PROTOCOL;

    /** Length of a session id, in bytes. */
    public static final int SESSION_ID_BYTES = 32;

    /** The exporter label a session id is derived with. */
    public static final String SESSION_ID_LABEL = "EXPORTER-Channel-Binding";

    /**
     * The ALPN protocol of a redirect: a listener that does not host the vat a dialer named,
     * but knows where it lives, selects it, shows its own key and sends where to dial instead.
     * A dialer's {@linkplain #trustManagerForDialing pinned trust manager} accepts another key
     * for this protocol alone, so the dialer must then treat what it reads as a hint only.
     */
    public static final String REDIRECT_PROTOCOL = "erg-moved/1";

    private final VatId vatId;
    private final TlsProvider provider;
    private final KeyManager keyManager;

    private VatTls(VatId vatId, TlsProvider provider, KeyManager keyManager) {
        this.vatId = vatId;
        this.provider = provider;
        this.keyManager = keyManager;
    }

    /** TLS pieces for {@code identity}, carried by {@code provider}. */
    public static VatTls of(VatIdentity identity, TlsProvider provider) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(provider, "provider");
        X509Certificate certificate = provider.certificate(SelfSignedCertificate.encoded(identity));
        PrivateKey key = provider.privateKey(identity);
        return new VatTls(identity.vatId(), provider, switch (provider) {
            case JDK -> new VatKeyManager(key, certificate);
            case BOUNCY_CASTLE -> bouncyCastleKeyManager(key, certificate);
        });
    }

    /**
     * BCJSSE's own key manager over Bouncy Castle's in-memory PKCS#12 store, which hands back
     * the very key objects put in (the JDK's would re-encode them into JDK keys that BCJSSE
     * cannot sign with).
     */
    private static KeyManager bouncyCastleKeyManager(PrivateKey key, X509Certificate certificate) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER);
            keyStore.load(null, null);
            keyStore.setKeyEntry(VatKeyManager.ALIAS, key, new char[0], new Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", BouncyCastle.JSSE);
            factory.init(keyStore, new char[0]);
            return factory.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store", e);
        }
    }

    /** The vat id of the key these pieces present. */
    public VatId vatId() {
        return vatId;
    }

    /** The TLS implementation these pieces are for. */
    public TlsProvider provider() {
        return provider;
    }

    /**
     * The JSSE provider to create contexts with: pass it to Netty's
     * {@code SslContextBuilder.sslContextProvider} or to {@code SSLContext.getInstance}.
     */
    public Provider jsseProvider() {
        return provider.jsse();
    }

    /**
     * The key manager that presents this vat's certificate, for contexts of
     * {@link #jsseProvider()}. It is shared and thread-safe.
     */
    public KeyManager keyManager() {
        return keyManager;
    }

    /**
     * A trust manager for one outgoing connection, which accepts only a server whose key has
     * vat id {@code expectedServer}. A server with another key fails the handshake with a
     * {@link PeerRefusedException} that names both vat ids, unless the server selected
     * {@link #REDIRECT_PROTOCOL}: a redirect may come from any key.
     */
    public X509ExtendedTrustManager trustManagerForDialing(VatId expectedServer) {
        return new DialingTrustManager(Objects.requireNonNull(expectedServer, "expectedServer"));
    }

    /**
     * The trust manager for incoming connections, which accepts any client that presents a
     * single certificate with an Ed25519 key. It is shared and stateless.
     */
    public X509ExtendedTrustManager trustManagerForListening() {
        return ListeningTrustManager.INSTANCE;
    }

    /**
     * The vat id of the peer of an established session: on the listening side, who
     * connected; on the dialing side, the server that was pinned.
     *
     * @throws SSLPeerUnverifiedException if the peer presented no certificate, or not a
     *         single one with an Ed25519 key
     */
    public static VatId peerOf(SSLSession session) throws SSLPeerUnverifiedException {
        return VatId.ofRawPublicKey(peerKeyOf(session));
    }

    /**
     * The vat id of the key this side presented in an established session: on a listener
     * that {@linkplain HostedKeys hosts several vats}, which vat the dialer reached.
     *
     * @throws SSLPeerUnverifiedException if this side presented no single Ed25519 certificate
     */
    public static VatId localOf(SSLSession session) throws SSLPeerUnverifiedException {
        try {
            return PeerTrustManager.vatIdOf(session.getLocalCertificates());
        } catch (CertificateException e) {
            SSLPeerUnverifiedException unverified = new SSLPeerUnverifiedException("own certificate: " + e.getMessage());
            unverified.initCause(e);
            throw unverified;
        }
    }

    /**
     * The raw Ed25519 public key ({@value Signatures#PUBLIC_KEY_LENGTH} bytes) of the peer of
     * an established session: the key whose vat id {@link #peerOf} gives.
     *
     * @throws SSLPeerUnverifiedException as {@link #peerOf}
     */
    public static byte[] peerKeyOf(SSLSession session) throws SSLPeerUnverifiedException {
        try {
            return PeerTrustManager.rawKeyOf(session.getPeerCertificates());
        } catch (CertificateException e) {
            SSLPeerUnverifiedException unverified = new SSLPeerUnverifiedException(e.getMessage());
            unverified.initCause(e);
            throw unverified;
        }
    }

    /**
     * The id of the connection {@code engine} carries: its {@code tls-exporter} channel
     * binding (RFC 9266), {@value #SESSION_ID_BYTES} bytes of TLS exported keying material
     * with the label {@value #SESSION_ID_LABEL} and an empty context. Both ends compute the
     * same id, and no other connection has it.
     *
     * <p>Only the JDK provider can export once the handshake is over; Bouncy Castle's JSSE
     * provider clears the exporter secret when the handshake completes.
     *
     * @return the id, or empty if this provider cannot export it after the handshake
     */
    public static Optional<byte[]> sessionIdOf(SSLEngine engine) {
        try {
            if (engine.getSession() instanceof ExtendedSSLSession session) {
                byte[] id = session.exportKeyingMaterialData(SESSION_ID_LABEL, new byte[0], SESSION_ID_BYTES);
                if (id != null && id.length == SESSION_ID_BYTES) {
                    return Optional.of(id);
                }
            }
        } catch (SSLException | UnsupportedOperationException | IllegalStateException cannotExport) {
            // Reported as no id: what needs one says so where it is needed.
        }
        return Optional.empty();
    }

    /**
     * The reason this side refused a peer, found among the causes and suppressed exceptions
     * of {@code failure} however the TLS implementation wrapped it; empty when the failure
     * was not a refusal by these trust managers (the peer refusing this side, for example,
     * arrives only as an alert without a reason).
     */
    public static Optional<PeerRefusedException> refusalIn(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable next = pending.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof PeerRefusedException refusal) {
                return Optional.of(refusal);
            }
            if (next.getCause() != null) {
                pending.addLast(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return Optional.empty();
    }
}
