package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.spi.Vats;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Embargoes: an answer or an imported promise that leads to an object of ours, or of a third
 * vat, waits for what we sent to it through the peer. Holds the answers to our questions, and
 * our promises for the peer's promises, held back until the peer returns our disembargo, by
 * embargo id; sends the disembargoes the peer asks for on behind what it sent, and relays
 * those that must go on to a third vat. Guarded by the session's lock.
 */
final class Embargoes {

    private final Session session;
    private final Map<Long, Embargo> byId = new HashMap<>();
    /* Disembargoes sent on to the peer for another session's or a vat's marker, by the id we gave them. */
    private final Map<Long, Arrival> relays = new HashMap<>();
    private long next;

    Embargoes(Session session) {
        this.session = session;
    }

    /**
     * The peer answered our question with an object of ours or of a third vat, or its promise
     * we imported resolved to one, and messages we sent to the answer or promise may still be
     * on their way through the peer: later ones must wait behind them, so our promise is held
     * back until our disembargo comes back the same way. Under the lock.
     */
    void holdBack(Remote pipeline, Settler settler, Object value) {
        long id = next++;
        Embargo embargo = new Embargo(pipeline, settler, value);
        byId.put(id, embargo);
        pipeline.embargo(embargo);
        sendDisembargo(pipeline, id);
    }

    /**
     * Whether {@code value}, what an answer or imported promise of this session settled to,
     * leads past the peer to a third vat: a reference carried by another session, or a pending
     * promise that is not the peer's (a gift still being withdrawn from the vat that holds it).
     */
    boolean leadsToThirdVat(Object value) {
        Object shortened = Refs.shorten(value);
        RemoteTarget carrier = Refs.remoteTarget(shortened);
        if (carrier == null && shortened instanceof Promise<?> promise && !promise.isSettled()) {
            carrier = Refs.pipelineOf(promise);
            if (carrier == null) {
                return true;
            }
        }
        return carrier != null && !(carrier instanceof Remote remote && remote.session() == session);
    }

    /** The peer asks for its disembargo back through its export here, behind what it sent there. */
    void receive(Message.DisembargoPromise d) {
        Refs.sendOnly(session.targetOf(d.target()), Arrival.METHOD, new Embargo.Marker(session, d.embargoId()));
    }

    /** A disembargo from the peer: one to send on through an answer, or ours come back. */
    void receive(Message.Disembargo d) {
        switch (d.target()) {
            // The peer asks for it back behind what it pipelined to this answer: it follows them.
            case Descriptor.Answer a -> Refs.sendOnly(session.targetOf(a), Arrival.METHOD,
                    new Embargo.Marker(session, d.embargoId()));
            case Descriptor.Export _ -> lift(d.embargoId());
        }
    }

    /**
     * A message named as an arrival, sent to {@code remote}: it goes on behind what was sent
     * there before it. Our own marker that has come back to one of the peer's exports is
     * already where the peer's messages went, so the disembargo returns; any other arrival (a
     * marker of another session, on its way to a third vat) travels to the peer as a
     * disembargo of ours, and arrives when it comes back. A message merely so named stops
     * here, as it would at an object.
     */
    void forward(Remote remote, Object[] args, Resolver<Object> answer) {
        Arrival arrival = Arrival.in(Arrival.METHOD, args);
        if (arrival == null) {
            if (answer != null) {
                answer.reject(Problem.of(Problem.NOT_CALLABLE, "no object has a method named as the disembargo marker"));
            }
            return;
        }
        Object value;
        synchronized (session) {
            if (session.problem() != null || remote.broken() != null || remote.brokenWith() != null
                    || !session.disembargoes) {
                // Without disembargo on the wire, nothing can follow what went before: it arrives now.
                value = null;
            } else if (remote.isRetired()) {
                value = remote.answeredWith();
            } else if (remote.embargo() != null) {
                remote.embargo().hold(Arrival.METHOD, args, null);
                return;
            } else if (arrival instanceof Embargo.Marker marker && marker.session() == session
                    && remote.target() instanceof Descriptor.Export export) {
                session.sender.send(new Message.Disembargo(export, marker.id()));
                return;
            } else if (relays.size() >= session.maxEntries()) {
                // Peers that flood us with disembargoes for a third vat that never answers get
                // theirs back at once, unordered, rather than growing this table without bound.
                value = null;
            } else {
                long id = next++;
                relays.put(id, arrival);
                sendDisembargo(remote, id);
                return;
            }
        }
        // The path ends at a broken reference, or goes on from a settled answer to its value.
        if (value == null) {
            arrival.arrived();
        } else {
            Outgoing.sendToValue(value, Arrival.METHOD, args, null);
        }
    }

    private void sendDisembargo(Remote remote, long id) {
        session.sender.send(switch (remote.target()) {
            case Descriptor.Answer answer -> new Message.Disembargo(answer, id);
            case Descriptor.Export export -> new Message.DisembargoPromise(export, id);
        });
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

    /** On loss: the arrivals whose disembargoes we relayed, for the caller to tell outside the lock. Under the lock. */
    List<Arrival> abandonRelays() {
        List<Arrival> stranded = List.copyOf(relays.values());
        relays.clear();
        return stranded;
    }

    /**
     * Our disembargo is back: every message sent before it has reached the value, so the held
     * ones follow, and then our promise settles; or, for one we relayed, the arrival it
     * stood for has arrived.
     */
    private void lift(long id) {
        Embargo embargo;
        Arrival relayed;
        synchronized (session) {
            embargo = byId.remove(id);
            relayed = embargo == null ? relays.remove(id) : null;
            if (embargo == null && relayed == null) {
                throw Session.rule("no embargo " + id);
            }
            if (embargo != null && embargo.settler().question() >= 0) {
                session.sender.answerFreed(embargo.settler().question());
            }
        }
        if (relayed != null) {
            relayed.arrived();
            return;
        }
        for (List<Embargo.Held> held = release(embargo); !held.isEmpty(); held = release(embargo)) {
            for (Embargo.Held m : held) {
                // Sent on as it was first sent, so that the turn it reaches is in the same trace.
                Vats.sendAs(m.trace(), () -> Outgoing.sendToValue(embargo.value(), m.method(), m.args(), m.answer()));
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
