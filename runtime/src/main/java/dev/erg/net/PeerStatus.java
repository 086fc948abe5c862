package dev.erg.net;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatId;

/**
 * One live session of a {@link Node}, as it stood when asked.
 *
 * @param peer             the vat at the other end
 * @param messagesReceived messages the peer has sent in this session
 * @param messagesSent     messages we have sent the peer in this session
 * @param exports          our objects and promises the peer may use
 * @param imports          the peer's objects and promises we hold
 * @param questions        our messages awaiting the peer's answers
 * @param answers          the peer's messages we keep answers for
 */
public record PeerStatus(VatId peer, long messagesReceived, long messagesSent, int exports, int imports, int questions,
                         int answers) {

    static PeerStatus of(VatId peer, Session session) {
        int[] sizes = session.tableSizes();
        return new PeerStatus(peer, session.messagesReceived(), session.messagesSent(), sizes[0], sizes[1], sizes[2],
                sizes[3]);
    }
}
