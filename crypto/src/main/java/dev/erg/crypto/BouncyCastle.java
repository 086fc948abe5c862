package dev.erg.crypto;

import java.security.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    /*
     * BCJSSE logs every connection opened and closed at INFO; at our connection rates that
     * buries everything else. Held here because java.util.logging keeps loggers weakly.
     */
    private static final Logger JSSE_LOG = Logger.getLogger("org.bouncycastle.jsse");

    static {
        if (JSSE_LOG.getLevel() == null) {
            JSSE_LOG.setLevel(Level.WARNING);
        }
    }

    private BouncyCastle() {
    }
}
