package dev.erg.crypto;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that holds one vat's key and certificate and offers them, on either side of a
 * connection, whenever an Ed25519 key is asked for. It spares the JDK's TLS a key store, whose
 * PKCS#12 form would encrypt the key to store it and decrypt it again to use it.
 *
 * <p>The peers' certificate authorities are ignored: vats trust keys, not issuers.
 */
final class VatKeyManager extends X509ExtendedKeyManager {

    static final String ALIAS = "vat";

    private final PrivateKey key;
    private final X509Certificate certificate;

    VatKeyManager(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return offers(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return offers(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return offers(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    private String choose(String[] keyTypes) {
        return keyTypes != null && Arrays.stream(keyTypes).anyMatch(VatKeyManager::offers) ? ALIAS : null;
    }

    /** Whether {@code keyType} names Ed25519: "EdDSA" to the JDK, "Ed25519" to others. */
    private static boolean offers(String keyType) {
        return "EdDSA".equalsIgnoreCase(keyType) || "Ed25519".equalsIgnoreCase(keyType);
    }
}
