package dev.erg.server.durable;

/**
 * What the {@link Pump} needs to know of an outgoing stream, as last committed.
 *
 * @param stream         the stream's id
 * @param vat            the receiving vat's id
 * @param hints          where to dial it: {@code host:port}, comma-separated
 * @param acked          the last letter whose receipt is stored
 * @param peerGeneration the receiver's generation in that receipt
 * @param halted         why the stream was stopped, or null
 */
record Route(String stream, String vat, String hints, long acked, long peerGeneration, String halted) {

    static Route of(OutStream s) {
        return new Route(s.id, s.targetVat, s.hints, s.acked, s.peerGeneration, s.halted);
    }
}
