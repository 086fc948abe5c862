package dev.erg.captp.session;

import dev.erg.crypto.VatId;
import dev.erg.wire.codec.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * What the network layer proved about the peer of a session and the connection it runs on;
 * a session needs it to take part in three-party handoffs.
 *
 * @param peer      the peer's vat id
 * @param peerKey   the peer's raw Ed25519 public key, whose vat id is {@code peer}
 * @param peerHints where the peer said it accepts connections ({@code host:port})
 * @param sessionId the id both ends derived from the connection's TLS keys, or null if the TLS
 *                  provider could not export one (such a session gives and takes no handoffs)
 */
public record Peering(VatId peer, Bytes peerKey, List<String> peerHints, Bytes sessionId) {

    /** Checks that the key and the vat id agree. */
    public Peering {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerKey, "peerKey");
        if (!VatId.ofRawPublicKey(peerKey.toByteArray()).equals(peer)) {
            throw new IllegalArgumentException("peerKey has vat id " + VatId.ofRawPublicKey(peerKey.toByteArray())
                    + ", not " + peer);
        }
        peerHints = List.copyOf(peerHints);
    }
}
