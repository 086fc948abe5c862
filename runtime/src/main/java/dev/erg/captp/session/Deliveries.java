package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.Unreadable;
import java.util.List;

/**
 * What the peer's messages to our objects do here: a delivery calls its target and keeps or
 * reports its answer, a send-only delivery settles one of our questions or reaches its target,
 * a gc-exports frees what the peer no longer holds, and the handoff methods of our bootstrap
 * object are answered by the session itself. Part of a {@link Session}, under its lock where
 * the tables are touched.
 */
final class Deliveries {

    private final Session session;
    private final Handoffs handoffs;
    /** Answers the handoff methods of our bootstrap object on a wire with handoffs of its own; else null. */
    private final GiftExchange exchange;
    private final GiftBox gifts;

    Deliveries(Session session, Handoffs handoffs, GiftExchange exchange, GiftBox gifts) {
        this.session = session;
        this.handoffs = handoffs;
        this.exchange = exchange;
        this.gifts = gifts;
    }

    void deliver(Message.Deliver d) {
        refuseMarker(d.method());
        Object target = session.targetOf(d.target());
        Unreadable unread = Unreadable.in(d.args());
        Promise<Object> answer;
        if (unread != null) {
            answer = Promise.broken(Problem.of(unread.kind(), "the arguments of %s cannot be read by the receiver: %s",
                    d.method(), unread.reason()));
        } else if (d.answerPosition().isPresent() && !session.answers.hasRoom()) {
            answer = Promise.broken(Problem.of(Problem.LIMIT_EXCEEDED, "%s was not called: %s", d.method(),
                    session.answers.full()));
        } else if (isBootstrap(d.target(), Session.WITHDRAW_GIFT, d.method())) {
            answer = handoffs != null ? handoffs.withdraw(session, d.args()) : exchange.withdraw(session, d.args());
        } else if (isBootstrap(d.target(), Session.DEPOSIT_GIFT, d.method())) {
            // Asked with an answer: the gifter hears whether its deposit was kept.
            Problem refused = deposit(d.args());
            answer = refused == null ? Promise.of(null) : Promise.broken(refused);
        } else {
            answer = Ref.send(target, d.method(), d.args().toArray());
        }
        if (d.answerPosition().isPresent()) {
            session.answers.put(d.answerPosition().getAsLong(), answer);
        }
        d.resolver().ifPresent(settler -> session.answers.reportTo(answer, settler.position()));
    }

    void deliverOnly(Message.DeliverOnly d) {
        refuseMarker(d.method());
        Object target = session.targetOf(d.target());
        if (target instanceof Settler settler && d.target() instanceof Descriptor.Export export) {
            session.questions.settle(settler, export.position(), d.method(), d.args());
        } else if (Unreadable.in(d.args()) != null) {
            // Nobody waits for a send-only message: there is no one to tell.
            return;
        } else if (isBootstrap(d.target(), Session.DEPOSIT_GIFT, d.method())) {
            // A refusal is counted and logged; nobody waits to hear it.
            deposit(d.args());
        } else {
            Refs.sendOnly(target, d.method(), d.args().toArray());
        }
    }

    /** Whether a message to {@code target} is {@code method} of the handoff protocol, which the session answers itself. */
    private boolean isBootstrap(Descriptor.Target target, String method, String called) {
        return (handoffs != null || exchange != null) && method.equals(called)
                && target instanceof Descriptor.Export e && e.position() == 0;
    }

    /** A peer may not use the marker's name: only a disembargo travels under it. */
    private static void refuseMarker(String method) {
        if (Arrival.METHOD.equals(method)) {
            throw Session.rule("method name reserved for disembargo");
        }
    }

    void gcExports(Message.GcExports gc) {
        synchronized (session) {
            for (int i = 0; i < gc.positions().size(); i++) {
                long position = gc.positions().get(i);
                if (!session.exports.release(position, gc.wireDeltas().get(i))) {
                    throw Session.protocol("gc-exports: cannot release " + gc.wireDeltas().get(i) + " of export " + position);
                }
            }
        }
    }

    /** Acts on a deposit-gift with {@code args}; returns null, or why the deposit is refused. */
    private Problem deposit(List<Object> args) {
        if (handoffs == null) {
            return exchange.deposit(session, args);
        }
        if (args.size() != 2 || !(args.getFirst() instanceof byte[] id) || id.length < 1
                || id.length > Descriptor.MAX_GIFT_ID_BYTES) {
            throw Session.protocol("deposit-gift takes a gift id of 1 to " + Descriptor.MAX_GIFT_ID_BYTES
                    + " bytes and a reference");
        }
        return session.depositGift(Bytes.of(id), args.get(1));
    }
}
