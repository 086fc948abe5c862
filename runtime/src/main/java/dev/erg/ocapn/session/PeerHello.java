package dev.erg.ocapn.session;

import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.wire.codec.Bytes;
import java.util.Objects;

/**
 * What a peer's verified {@code op:start-session} says: its key for this session, and the
 * location it signed with that key. The signature proves only that the sender holds the key;
 * over {@code tcp-testing-only} nothing proves it is the node the location names.
 *
 * @param sessionKey the peer's raw 32-byte Ed25519 session key
 * @param location   where the peer says it can be reached
 */
public record PeerHello(Bytes sessionKey, PeerLocator location) {

    public PeerHello {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(location, "location");
    }

    /** The peer's public id in this session (spec/ocapn.md section 7.3). */
    public Bytes publicId() {
        return Bytes.of(SessionIds.publicId(sessionKey.toByteArray()));
    }
}
