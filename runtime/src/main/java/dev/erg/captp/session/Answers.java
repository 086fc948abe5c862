package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import java.util.Collections;
import java.util.List;

/**
 * The promises for the peer's questions, by the answer position the peer chose, so that it
 * can pipeline messages to them before they settle; kept until the peer frees them with
 * gc-answers. Also reports answers to the peer's settlers. Guarded by the session's lock.
 */
final class Answers {

    private final Session session;
    private final Vat vat;
    private final PositionMap<Promise<Object>> byPosition = new PositionMap<>();
    /** Promises the peer asked to be told of, not yet settled or being told now. */
    private int untold;

    /**
     * @param vat runs the turns that watch objects the peer listens to, to tell it if they break
     */
    Answers(Session session, Vat vat) {
        this.session = session;
        this.vat = vat;
    }

    /** Whether the peer may be given one more answer that runs its call. */
    boolean hasRoom() {
        synchronized (session) {
            return byPosition.size() < session.maxEntries();
        }
    }

    /** Why a question finds no room. */
    String full() {
        return "the peer holds as many answers here as it may, " + session.maxEntries() + " (free some with gc-answers)";
    }

    /**
     * Keeps {@code answer} at {@code position}, which the peer chose and may not reuse. Past
     * the limit the answer is a refusal, kept so that the peer can free its position.
     */
    void put(long position, Promise<Object> answer) {
        synchronized (session) {
            if (byPosition.putIfAbsent(position, answer) != null) {
                throw Session.rule("answer position " + position + " is already in use");
            }
            session.checkLimit("answers", byPosition.size());
        }
    }

    /** The answer at {@code position}. Under the lock. */
    Promise<Object> get(long position) {
        Promise<Object> answer = byPosition.get(position);
        if (answer == null) {
            throw Session.rule("no answer at position " + position);
        }
        return answer;
    }

    /** The peer freed the answers at {@code positions}. */
    void freed(List<Long> positions) {
        synchronized (session) {
            for (long position : positions) {
                byPosition.remove(position);
            }
        }
    }

    /**
     * Tells the peer's settler at {@code settler}, one of its exports, by fulfill or break, what
     * {@code subject} settles to; for an object rather than a promise, tells it only if and when
     * the object breaks.
     *
     * <p>An answer is encoded and sent by the thread that settles it, usually in the turn that
     * computed it, rather than in a turn of the session's vat: one hand-off fewer per call. The
     * settler is not imported: it serves once and the peer frees it itself.
     */
    void reportTo(Object subject, long settler) {
        if (!(subject instanceof Promise<?> promise)) {
            RemoteTarget listener = session.imports.of(settler);
            vat.run(() -> Ref.monitor(subject, why -> {
                Refs.sendOnly(listener, Message.BREAK, why);
                session.imports.forget(listener);
            }));
            return;
        }
        Descriptor.Export to = new Descriptor.Export(settler);
        synchronized (session) {
            untold++;
        }
        Refs.observe(promise, value -> told(to, Message.FULFILL, value), why -> told(to, Message.BREAK, why));
    }

    private void told(Descriptor.Export settler, String method, Object value) {
        synchronized (session) {
            tell(settler, method, value);
            if (untold > 0) {
                untold--;
            }
        }
    }

    private void tell(Descriptor.Export settler, String method, Object value) {
        try {
            synchronized (session) {
                if (session.problem() == null) {
                    session.sender.send(new Message.DeliverOnly(settler, method, Collections.singletonList(value)));
                }
            }
        } catch (NotPassableException e) {
            // The waiting side must hear why, not wait for an answer that cannot be sent.
            tell(settler, Message.BREAK,
                    Problem.of(Problem.NOT_PASSABLE, "the answer cannot be sent: %s", e.getMessage()));
        }
    }

    /** Forgets every answer: the session is over. Under the lock. */
    void clear() {
        byPosition.clear();
        untold = 0;
    }

    /**
     * How many promises the peer asked to be told of are not settled yet, or are being told
     * now: once it is zero, every settlement it asked for is queued for sending. Under the lock.
     */
    int untold() {
        return untold;
    }

    /** Under the lock. */
    int size() {
        return byPosition.size();
    }
}
