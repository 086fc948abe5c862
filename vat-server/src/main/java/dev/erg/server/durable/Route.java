package dev.erg.server.durable;

/**
 * What the {@link Pump} needs to know of an outgoing stream, as last committed.
 *
 * @param stream         the stream's id
 * @param vat            the receiving vat's id
 * @param mailbox        the sturdy ref of its mailbox, as text: where to dial it
 * @param acked          the last letter whose receipt is stored
 * @param peerGeneration the receiver's generation in that receipt
 * @param halted         why the stream was stopped, or null
 */
record Route(String stream, String vat, String mailbox, long acked, long peerGeneration, String halted) {

    static Route of(OutStream s) {
        return new Route(s.id, s.targetVat, s.mailbox, s.acked, s.peerGeneration, s.halted);
    }
}
