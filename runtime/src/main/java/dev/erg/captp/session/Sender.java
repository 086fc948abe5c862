package dev.erg.captp.session;

import dev.erg.wire.codec.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the session's messages into its {@link Outbound}, each behind the gc-answers and
 * gc-exports held back so far, so that these need no frame of their own per call; what is
 * still held goes out in a flush soon after ({@link Outbound#flushSoon}), once messages stop
 * carrying it. Guarded by the session's lock.
 */
final class Sender {

    private final Session session;
    private final Outbound out;
    private final GcBatch owed = new GcBatch();
    private final Runnable flush = this::flush;
    /** What runs once the message being sent now is queued whole: the deposits of the gifts it hands over. */
    private final List<Runnable> whenQueued = new ArrayList<>(0);
    private final Runnable queued = this::queued;
    /**
     * Whether a flush is asked for and has not run: one at a time, since calls that carry the
     * batch empty it many times over within one flush's delay.
     */
    private boolean flushPending;
    /** How many times a message carried the batch out; read by a flush to see whether any did since it was asked for. */
    private long carried;
    private long carriedWhenAsked;

    Sender(Session session, Outbound out) {
        this.session = session;
        this.out = out;
    }

    /** Sends {@code message} behind the gc messages held so far, in one write with them. */
    void send(Message message) {
        try {
            if (owed.isEmpty()) {
                out.send(message, queued);
                return;
            }
            List<Message> messages = new ArrayList<>(3);
            owed.drainInto(messages);
            messages.add(message);
            carried++;
            out.send(messages, queued);
        } finally {
            // What a message that could not be queued would have handed over goes nowhere.
            whenQueued.clear();
        }
    }

    /**
     * Runs {@code action} once the message being encoded now is queued whole, on the sending
     * thread; never if it is not. For the encoder, while it encodes a message this sends.
     */
    void whenQueued(Runnable action) {
        whenQueued.add(action);
    }

    private void queued() {
        if (whenQueued.isEmpty()) {
            return;
        }
        List<Runnable> actions = List.copyOf(whenQueued);
        whenQueued.clear();
        actions.forEach(Runnable::run);
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

    /** A gc message was gathered, the first since the batch last went out if {@code first}. */
    private void owe(boolean first) {
        if (owed.isFull()) {
            sendOwed();
        } else if (first && !flushPending) {
            askFlush();
        }
    }

    private void askFlush() {
        flushPending = true;
        carriedWhenAsked = carried;
        out.flushSoon(flush);
    }

    /*
     * While calls keep carrying the batch, what it holds now was gathered since the last of
     * them and will likely ride the next: wait once more rather than send it in a frame, and a
     * write, of its own (a write the peer then acknowledges with a packet of its own). So
     * nothing waits longer than two delays.
     */
    private void flush() {
        synchronized (session) {
            flushPending = false;
            if (session.problem() != null || owed.isEmpty()) {
                return;
            }
            if (carried != carriedWhenAsked) {
                askFlush();
            } else {
                sendOwed();
            }
        }
    }

    private void sendOwed() {
        List<Message> messages = new ArrayList<>(2);
        owed.drainInto(messages);
        out.send(messages);
    }
}
