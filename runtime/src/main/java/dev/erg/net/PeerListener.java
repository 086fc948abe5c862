package dev.erg.net;

import dev.erg.vat.Problem;

/**
 * Told when a session with a peer vat ends, so that a host can revoke or clean up what it
 * gave that peer (E's {@code reactToLostClient}); see {@link Node#onSessionLost}. Hand the node
 * an eventual reference to one, so that it runs in its own vat.
 */
public interface PeerListener {

    /** The session with the vat whose id is {@code peerVatId} ended, for {@code why}. */
    void lost(String peerVatId, Problem why);
}
