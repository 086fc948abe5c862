package dev.erg.captp.session;

import dev.erg.vat.Resolver;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one of our questions, or our promise for one of the peer's promises, held back
 * because it loops back: the peer fulfilled it with an object of ours while messages we had
 * sent to it were still on their way through the peer, to come back to that object. Until our
 * disembargo returns behind them, what is sent to the answer or promise waits here, so that it
 * cannot overtake them. Guarded by the session's lock.
 */
final class Embargo {

    /**
     * The method name under which a disembargo the peer asked for travels through its answer
     * here, so that it follows the messages pipelined there. No Java method can have it, so it
     * is never delivered to an object.
     */
    static final String MARKER = "\0disembargo";

    /**
     * The one argument of a message named {@link #MARKER}: the session that received the
     * disembargo, which alone sends it back, and its id. Only this package makes one, so no
     * program can make a session send a disembargo.
     */
    record Marker(Session session, long id) {
    }

    /** A message sent to the answer while it is held back. */
    record Held(String method, Object[] args, Resolver<Object> answer) {
    }

    private final Remote pipeline;
    private final Settler settler;
    private final Object value;
    private final List<Held> held = new ArrayList<>();

    /**
     * @param pipeline the answer position our messages were pipelined to, or the peer's promise
     *                 they were sent to
     * @param settler  settles our promise for the answer once the embargo is lifted
     * @param value    what the answer resolved to: an object of ours
     */
    Embargo(Remote pipeline, Settler settler, Object value) {
        this.pipeline = pipeline;
        this.settler = settler;
        this.value = value;
    }

    Remote pipeline() {
        return pipeline;
    }

    Settler settler() {
        return settler;
    }

    Object value() {
        return value;
    }

    void hold(String method, Object[] args, Resolver<Object> answer) {
        held.add(new Held(method, args, answer));
    }

    /** The messages held so far, in the order sent; none are held afterwards. */
    List<Held> takeHeld() {
        List<Held> taken = List.copyOf(held);
        held.clear();
        return taken;
    }
}
