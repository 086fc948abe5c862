package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Embargoes: an answer or an imported promise that loops back to us waits for what we sent to
 * it. Holds the answers to our questions, and our promises for the peer's promises, held back
 * until the peer returns our disembargo, by embargo id, and reflects the disembargoes the peer
 * asks for. Guarded by the session's lock.
 */
final class Embargoes {

    private final Session session;
    private final Map<Long, Embargo> byId = new HashMap<>();
    private long next;

    Embargoes(Session session) {
        this.session = session;
    }

    /**
     * The peer answered our question with an object of ours, or its promise we imported
     * resolved to one, and messages we sent to the answer or promise may still be on their way
     * to it through the peer: later ones must wait behind them, so our promise is held back
     * until our disembargo comes back the same way. Under the lock.
     */
    void holdBack(Remote pipeline, Settler settler, Object value) {
        long id = next++;
        Embargo embargo = new Embargo(pipeline, settler, value);
        byId.put(id, embargo);
        pipeline.embargo(embargo);
        session.sender.send(switch (pipeline.target()) {
            case Descriptor.Answer answer -> new Message.Disembargo(answer, id);
            case Descriptor.Export promise -> new Message.DisembargoPromise(promise, id);
        });
    }

    /** The peer asks for its disembargo back through our promise, behind what it sent there. */
    void receive(Message.DisembargoPromise d) {
        Refs.sendOnly(session.targetOf(d.target()), Embargo.MARKER, new Embargo.Marker(session, d.embargoId()));
    }

    /** A disembargo from the peer: one to reflect through an answer, or ours come back. */
    void receive(Message.Disembargo d) {
        switch (d.target()) {
            // The peer asks for it back behind what it pipelined to this answer: it follows them.
            case Descriptor.Answer a -> Refs.sendOnly(session.targetOf(a), Embargo.MARKER,
                    new Embargo.Marker(session, d.embargoId()));
            case Descriptor.Export _ -> lift(d.embargoId());
        }
    }

    /**
     * A message named as the marker: if it is the marker of a disembargo the peer asked for, it
     * has followed the peer's messages through the answer or promise to {@code remote}, one of the peer's
     * exports, and the disembargo goes back in its place. Anything else stops here, as it would
     * at an object: a message merely so named, or a marker that reached another session or an
     * answer the peer asked about too early, which no embargo of the peer's waits for.
     */
    void reflect(Remote remote, Object[] args, Resolver<Object> answer) {
        if (args != null && args.length == 1 && args[0] instanceof Embargo.Marker marker && marker.session() == session
                && remote.target() instanceof Descriptor.Export export) {
            synchronized (session) {
                if (session.problem() == null) {
                    session.sender.send(new Message.Disembargo(export, marker.id()));
                }
            }
        } else if (answer != null) {
            answer.reject(Problem.of(Problem.NOT_CALLABLE, "no object has a method named as the disembargo marker"));
        }
    }

    /** On loss: our promises for held-back answers and the answers of the messages held. Under the lock. */
    List<Resolver<Object>> abandon() {
        List<Resolver<Object>> abandoned = new ArrayList<>();
        for (Embargo embargo : byId.values()) {
            abandoned.add(embargo.settler().resolver());
            for (Embargo.Held m : embargo.takeHeld()) {
                if (m.answer() != null) {
                    abandoned.add(m.answer());
                }
            }
        }
        byId.clear();
        return abandoned;
    }

    /**
     * Our disembargo is back: every message sent before it has reached the value, so the held
     * ones follow, and then our promise settles.
     */
    private void lift(long id) {
        Embargo embargo;
        synchronized (session) {
            embargo = byId.remove(id);
            if (embargo == null) {
                throw Session.rule("no embargo " + id);
            }
            if (embargo.settler().question() >= 0) {
                session.sender.answerFreed(embargo.settler().question());
            }
        }
        for (List<Embargo.Held> held = release(embargo); !held.isEmpty(); held = release(embargo)) {
            for (Embargo.Held m : held) {
                Session.sendToValue(embargo.value(), m.method(), m.args(), m.answer());
            }
        }
        embargo.settler().resolver().resolve(embargo.value());
    }

    /**
     * The messages held so far; once there are none, retires the answer position or imported
     * promise so that later messages go straight to the value, after those already sent there.
     */
    private List<Embargo.Held> release(Embargo embargo) {
        synchronized (session) {
            List<Embargo.Held> held = embargo.takeHeld();
            if (held.isEmpty()) {
                embargo.pipeline().retire(embargo.value(), null);
            }
            return held;
        }
    }
}
