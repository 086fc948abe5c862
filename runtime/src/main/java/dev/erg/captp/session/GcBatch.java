package dev.erg.captp.session;

import dev.erg.wire.codec.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gc-answers and gc-exports a session owes the peer, gathered so that they need no frame
 * of their own per call: they go out just ahead of the session's next message, or when the
 * {@link Outbound} flushes them soon after ({@link Outbound#flushSoon}). Guarded by the
 * session's lock.
 */
final class GcBatch {

    /** Past this many entries the batch goes out at once, far below the peer's list limit. */
    static final int MAX_ENTRIES = 1024;

    private final List<Long> answers = new ArrayList<>();
    /** Wire deltas by export position: a position dropped twice before a flush is sent once, summed. */
    private final Map<Long, Long> exports = new LinkedHashMap<>();

    /** Owes the peer a gc-answers for {@code position}; whether the batch was empty before. */
    boolean answerFreed(long position) {
        boolean first = isEmpty();
        answers.add(position);
        return first;
    }

    /** Owes the peer a gc-exports of {@code delta} for {@code position}; whether the batch was empty before. */
    boolean importDropped(long position, long delta) {
        boolean first = isEmpty();
        exports.merge(position, delta, Long::sum);
        return first;
    }

    boolean isEmpty() {
        return answers.isEmpty() && exports.isEmpty();
    }

    boolean isFull() {
        return answers.size() + exports.size() >= MAX_ENTRIES;
    }

    /** Adds what is owed to {@code messages}, as at most one gc-answers and one gc-exports, and forgets it. */
    void drainInto(List<Message> messages) {
        if (!answers.isEmpty()) {
            messages.add(new Message.GcAnswers(answers));
            answers.clear();
        }
        if (!exports.isEmpty()) {
            messages.add(new Message.GcExports(List.copyOf(exports.keySet()), List.copyOf(exports.values())));
            exports.clear();
        }
    }

    /** Forgets what is owed: the session is over. */
    void clear() {
        answers.clear();
        exports.clear();
    }
}
