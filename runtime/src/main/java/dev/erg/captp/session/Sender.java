package dev.erg.captp.session;

import dev.erg.wire.codec.Message;

/**
 * Puts the session's messages into its {@link Outbound}, each behind the gc-answers and
 * gc-exports held back so far, so that these need no frame of their own per call; what is
 * still held goes out in a flush soon after ({@link Outbound#flushSoon}). Guarded by the
 * session's lock.
 */
final class Sender {

    private final Session session;
    private final Outbound out;
    private final GcBatch owed = new GcBatch();

    Sender(Session session, Outbound out) {
        this.session = session;
        this.out = out;
    }

    /** Sends {@code message} behind the gc messages held so far. */
    void send(Message message) {
        owed.drainTo(out);
        out.send(message);
    }

    /** The peer may free its answer at {@code position}. */
    void answerFreed(long position) {
        owe(owed.answerFreed(position));
    }

    /** We dropped the peer's export at {@code position}, received {@code delta} times. */
    void importDropped(long position, long delta) {
        owe(owed.importDropped(position, delta));
    }

    /** Forgets what is held: the session is over. */
    void clear() {
        owed.clear();
    }

    /** A gc message was gathered, the first since the last flush if {@code first}. */
    private void owe(boolean first) {
        if (owed.isFull()) {
            owed.drainTo(out);
        } else if (first) {
            out.flushSoon(this::flush);
        }
    }

    private void flush() {
        synchronized (session) {
            if (session.problem() == null) {
                owed.drainTo(out);
            }
        }
    }
}
