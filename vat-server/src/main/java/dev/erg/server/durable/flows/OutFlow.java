package dev.erg.server.durable.flows;

/**
 * The state of a durable stream's writing end, stored as an object of its own beside its
 * writer's.
 *
 * @param owner        the id of the object that opened the stream and alone may write to it
 * @param sink         the sturdy ref of the receiving object, as text
 * @param inlet        the sturdy ref, as text, of the receiving end the open letter makes,
 *                     which the items are sent to
 * @param topic        what the stream carries
 * @param maxItems     the window in items
 * @param maxBytes     the window in bytes of encoded items
 * @param written      items written
 * @param consumed     items whose receipts have come back
 * @param bytesPending bytes of the items written whose receipts have not
 * @param waiting      whether a write found the window full since the last room
 * @param ending       whether the writer closed or failed it
 * @param ended        whether it is over
 * @param problemKind  why it broke, or empty
 * @param problemText  the problem's message, or empty
 */
public record OutFlow(long owner, String sink, String inlet, String topic, int maxItems, long maxBytes, long written,
                      long consumed, long bytesPending, boolean waiting, boolean ending, boolean ended,
                      String problemKind, String problemText) {

    /** This state with new counts. */
    public OutFlow withCounts(long written, long consumed, long bytesPending, boolean waiting) {
        return new OutFlow(owner, sink, inlet, topic, maxItems, maxBytes, written, consumed, bytesPending, waiting,
                ending, ended, problemKind, problemText);
    }

    /** This state once its writer has closed or failed it. */
    public OutFlow withEnding() {
        return new OutFlow(owner, sink, inlet, topic, maxItems, maxBytes, written, consumed, bytesPending, false,
                true, ended, problemKind, problemText);
    }

    /** This state once it is over, having broken with the problem named (both empty if it did not). */
    public OutFlow withEnd(String problemKind, String problemText) {
        return new OutFlow(owner, sink, inlet, topic, maxItems, maxBytes, written, consumed, bytesPending, false,
                ending, true, problemKind, problemText);
    }
}
