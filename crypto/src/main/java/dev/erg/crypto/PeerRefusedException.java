package dev.erg.crypto;

import java.security.cert.CertificateException;

/**
 * A TLS peer did not prove the identity required of it, so the handshake was refused. The
 * message says what was expected and what the peer presented, for instance both vat ids
 * when a server answers with another key than the one it was dialed for. TLS
 * implementations wrap this exception; {@link VatTls#refusalIn} finds it again.
 */
public final class PeerRefusedException extends CertificateException {

    PeerRefusedException(String message) {
        super(message);
    }
}
