package dev.erg.crypto;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server key manager of {@link HostedKeys}: it chooses a vat by the server name of the
 * handshake and hands the choice to that vat's own key manager. Its aliases are the vat id,
 * a {@code /}, and the alias that vat's key manager chose, so that the key and certificate
 * asked for later come from the same vat whatever is put or removed meanwhile.
 *
 * <p>It serves listeners only: asked for a client key, it has none.
 */
final class SelectingKeyManager extends X509ExtendedKeyManager {

    private static final char SEPARATOR = '/';

    private final HostedKeys keys;

    SelectingKeyManager(HostedKeys keys) {
        this.keys = keys;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        VatTls vat = keys.chosenFor(requested(engine == null ? null : engine.getHandshakeSession()));
        return aliasOf(vat, delegate(vat).chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSession handshake = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        VatTls vat = keys.chosenFor(requested(handshake));
        return aliasOf(vat, delegate(vat).chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        VatTls host = keys.host();
        String[] aliases = delegate(host).getServerAliases(keyType, issuers);
        return aliases == null ? null : Arrays.stream(aliases).map(alias -> aliasOf(host, alias)).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        int cut = alias == null ? -1 : alias.indexOf(SEPARATOR);
        VatTls vat = cut < 0 ? null : vatOf(alias.substring(0, cut));
        return vat == null ? null : delegate(vat).getCertificateChain(alias.substring(cut + 1));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        int cut = alias == null ? -1 : alias.indexOf(SEPARATOR);
        VatTls vat = cut < 0 ? null : vatOf(alias.substring(0, cut));
        return vat == null ? null : delegate(vat).getPrivateKey(alias.substring(cut + 1));
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    private VatTls vatOf(String text) {
        try {
            return keys.of(VatId.parse(text));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static String aliasOf(VatTls vat, String delegateAlias) {
        return delegateAlias == null ? null : vat.vatId().toString() + SEPARATOR + delegateAlias;
    }

    private static X509ExtendedKeyManager delegate(VatTls vat) {
        return (X509ExtendedKeyManager) vat.keyManager();
    }

    private static VatId requested(SSLSession handshake) {
        List<SNIServerName> names = handshake instanceof ExtendedSSLSession extended
                ? extended.getRequestedServerNames() : null;
        return VatServerName.vatIn(names).orElse(null);
    }
}
