package dev.erg.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The Bouncy Castle providers this package uses. They are passed explicitly wherever they are
 * needed instead of being registered, so nothing depends on the global provider order.
 */
final class BouncyCastle {

    /** Bouncy Castle's JCA provider: its key objects are the ones its TLS signer accepts. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    /** BCJSSE doing its cryptography with {@link #PROVIDER}. */
    static final Provider JSSE = new BouncyCastleJsseProvider(PROVIDER);

    private BouncyCastle() {
    }
}
