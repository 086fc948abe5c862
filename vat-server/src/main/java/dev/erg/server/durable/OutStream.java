package dev.erg.server.durable;

/**
 * The sending end of a durable stream to one vat, as stored. Changed only on the engine's
 * thread.
 */
final class OutStream {
    final String id;
    final String targetVat;
    String mailbox;
    long nextSeq;
    long acked;
    long peerGeneration;
    String halted;

    OutStream(String id, String targetVat, String mailbox, long nextSeq, long acked, long peerGeneration, String halted) {
        this.id = id;
        this.targetVat = targetVat;
        this.mailbox = mailbox;
        this.nextSeq = nextSeq;
        this.acked = acked;
        this.peerGeneration = peerGeneration;
        this.halted = halted;
    }
}
