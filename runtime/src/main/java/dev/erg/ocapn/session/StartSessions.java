package dev.erg.ocapn.session;

import dev.erg.crypto.Signatures;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;

/**
 * The draft's {@code op:start-session}: made with a key pair of the session's own, whose
 * public key it carries, and the sender's location signed by that key; checked on receipt
 * for the version and the signature.
 */
public final class StartSessions {

    private StartSessions() {
    }

    /** The start-session of the side whose session key is {@code sessionKey}, reachable at {@code location}. */
    public static Operation.StartSession sign(VatIdentity sessionKey, PeerLocator location) {
        byte[] signature = sessionKey.sign(CaptpWriter.encodeLocation(location));
        return new Operation.StartSession(Operation.StartSession.VERSION, rawKey(sessionKey), location, signature);
    }

    /**
     * What the peer's {@code start} says, once checked.
     *
     * @throws ProtocolException if the version is not {@code 1.0}, or the signature is not the
     *                           session key's over the location's Syrup
     */
    public static PeerHello verify(Operation.StartSession start) {
        if (!Operation.StartSession.VERSION.equals(start.version())) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, "op:start-session of version '"
                    + start.version() + "' (expected: " + Operation.StartSession.VERSION + ")");
        }
        if (!Signatures.verify(start.sessionKey(), CaptpWriter.encodeLocation(start.location()),
                start.locationSignature())) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE,
                    "op:start-session whose location signature is not the session key's");
        }
        return new PeerHello(Bytes.of(start.sessionKey()), start.location());
    }

    /** The raw 32-byte public key of {@code sessionKey}. */
    public static byte[] rawKey(VatIdentity sessionKey) {
        return Signatures.rawPublicKey(sessionKey.publicKey());
    }
}
