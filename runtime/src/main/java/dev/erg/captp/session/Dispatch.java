package dev.erg.captp.session;

import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;
import dev.erg.wire.codec.Message;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Routes each message the peer sends to the part of its {@link Session} that acts on it,
 * counting them; deliveries run under their trace context when the vat's runtime traces.
 */
final class Dispatch {

    private final Session session;
    /** Names the vat whose trace log records what the peer sends. */
    private final Vat vat;
    /** Whether the vat's runtime traces: then deliveries run under their trace context. */
    private final boolean traced;
    private final Deliveries deliveries;
    /** What {@link #receive} runs under a delivery's trace context; made once, not for each message. */
    private final Consumer<Message.Deliver> deliver;
    private final Consumer<Message.DeliverOnly> deliverOnly;
    private final LongAdder received = new LongAdder();

    Dispatch(Session session, Vat vat, boolean traced, Deliveries deliveries) {
        this.session = session;
        this.vat = vat;
        this.traced = traced;
        this.deliveries = deliveries;
        this.deliver = deliveries::deliver;
        this.deliverOnly = deliveries::deliverOnly;
    }

    /** Acts on one message from the peer; see {@link Session#receive}. */
    void receive(Message message) {
        received.increment();
        switch (message) {
            case Message.Deliver d -> {
                if (traced) {
                    Vats.receive(vat, d.trace().orElse(null), deliver, d);
                } else {
                    deliveries.deliver(d);
                }
            }
            case Message.DeliverOnly d -> {
                if (traced) {
                    Vats.receive(vat, d.trace().orElse(null), deliverOnly, d);
                } else {
                    deliveries.deliverOnly(d);
                }
            }
            case Message.Listen l -> session.answers.reportTo(session.targetOf(l.target()), l.listener().position());
            case Message.GcExports gc -> deliveries.gcExports(gc);
            case Message.GcAnswers gc -> session.answers.freed(gc.positions());
            case Message.Get get -> session.answers.put(get.answerPosition(),
                    Selections.field(session.targetOf(get.target()), get.field()));
            case Message.Index index -> session.answers.put(index.answerPosition(),
                    Selections.item(session.targetOf(index.target()), index.index()));
            case Message.Untag u -> session.answers.put(u.answerPosition(),
                    Selections.payload(session.targetOf(u.target()), u.tag()));
            case Message.Disembargo d -> session.embargoes.receive(d);
            case Message.DisembargoPromise d -> session.embargoes.receive(d);
            case Message.StartSession s -> throw Session.rule("start-session in an open session");
            case Message.Abort a -> throw Session.rule("abort must be handled by the connection");
        }
    }

    /** How many messages the peer has sent. */
    long received() {
        return received.sum();
    }
}
