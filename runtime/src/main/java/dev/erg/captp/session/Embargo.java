package dev.erg.captp.session;

import dev.erg.trace.TraceContext;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.Vats;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one of our questions, or our promise for one of the peer's promises, held back
 * because it no longer leads through the peer: the peer fulfilled it with an object of ours,
 * or of a third vat, while messages we had sent to it were still on their way through the
 * peer, on to that object. Until our disembargo returns behind them, what is sent to the
 * answer or promise waits here, so that it cannot overtake them by the shorter path. Guarded
 * by the session's lock.
 */
final class Embargo {

    /**
     * A disembargo the peer asked for, travelling as an {@link Arrival} through its answer or
     * promise here behind the messages it sent there: the session that received it, which
     * alone sends it back, and its id. Only this package makes one, so no program can make a
     * session send a disembargo.
     */
    record Marker(Session session, long id) implements Arrival {

        /**
         * It reached an object, or a broken promise, of a vat here or of a third vat: what the
         * peer sent before it has arrived too, so the disembargo goes back. It names no export.
         */
        @Override
        public void arrived() {
            synchronized (session) {
                if (session.problem() == null) {
                    session.sender.send(new Message.Disembargo(new Descriptor.Export(0), id));
                }
            }
        }
    }

    /** A message sent to the answer while it is held back, with the trace context it was sent with (null if none). */
    record Held(String method, Object[] args, Resolver<Object> answer, TraceContext trace) {
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

    /** Holds a message being sent on this thread, under the trace context it is being sent with. */
    void hold(String method, Object[] args, Resolver<Object> answer) {
        held.add(new Held(method, args, answer, Vats.outgoingTrace()));
    }

    /** The messages held so far, in the order sent; none are held afterwards. */
    List<Held> takeHeld() {
        List<Held> taken = List.copyOf(held);
        held.clear();
        return taken;
    }
}
