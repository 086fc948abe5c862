package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.Unreadable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Our questions: messages whose answers the peer will send, by the answer position we chose,
 * each answered by {@code fulfill} or {@code break} to a {@link Settler} we exported with it.
 * Until then, messages sent to the answer are pipelined to the position. Guarded by the
 * session's lock.
 */
final class Questions {

    private final Session session;
    private long next;
    /** Questions asked and not yet settled: each settler holds its question's pipeline, so no table does. */
    private int outstanding;

    Questions(Session session) {
        this.session = session;
    }

    /** Sends {@code method} to {@code remote} as a new question; returns the pipeline of its answer. Under the lock. */
    Remote ask(Remote remote, String method, List<Object> arguments, Class<?> answerType, Resolver<Object> answer) {
        long question = next++;
        Remote pipeline = new Remote(session, new Descriptor.Answer(question));
        long settler = session.exports.exportSettler(new Settler(answer, answerType, question, pipeline, -1));
        outstanding++;
        session.sender.send(new Message.Deliver(remote.target(), method, arguments, OptionalLong.of(question),
                Optional.of(new Descriptor.ImportObject(settler)), session.outgoingTrace()));
        return pipeline;
    }

    /**
     * The peer told {@code settler}, our export at {@code position}, {@code method} (fulfill
     * or break): our promise settles, and what was pipelined to the answer goes to its value;
     * an answer or imported promise that leads, after we sent it messages, to an object of
     * ours or of a third vat is embargoed first.
     */
    void settle(Settler settler, long position, String method, List<Object> args) {
        if (args.size() != 1) {
            throw Session.protocol(method + " takes one argument, got " + args.size());
        }
        Object value = args.getFirst();
        boolean fulfilled = switch (method) {
            case Message.FULFILL -> true;
            case Message.BREAK -> false;
            default -> throw Session.protocol("a resolver answers only fulfill and break, not " + method);
        };
        if (value instanceof Unreadable unread) {
            fulfilled = false;
            value = Problem.of(unread.kind(), "the answer cannot be read here: %s", unread.reason());
        }
        if (!fulfilled && !(value instanceof Problem)) {
            throw Session.protocol("break takes a problem, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        Object typed = fulfilled ? Refs.asType(value, settler.answerType()) : null;
        synchronized (session) {
            session.exports.remove(position);
            session.imports.promiseSettled(settler.promise());
            Remote pipeline = settler.pipeline();
            if (pipeline != null) {
                outstanding--;
            }
            Remote promise = settler.promise() < 0 ? null : session.imports.held(settler.promise());
            Remote sentThrough = pipeline != null ? pipeline : promise;
            if (session.disembargoes && sentThrough != null && fulfilled && sentThrough.wasSentTo()
                    && leavesThePeer(value)) {
                session.embargoes.holdBack(sentThrough, settler, typed);
                return;
            }
            if (pipeline != null) {
                // Messages still pipelined to this answer go to its value now; the peer may free it.
                pipeline.retire(typed, fulfilled ? null : (Problem) value);
                session.sender.answerFreed(settler.question());
            }
        }
        if (fulfilled) {
            settler.resolver().resolve(typed);
        } else {
            settler.resolver().reject((Problem) value);
        }
    }

    /** Whether messages to {@code value} no longer go through the peer: it is ours, or a third vat's. */
    private boolean leavesThePeer(Object value) {
        if (Refs.remoteTarget(value) instanceof Remote remote && remote.session() == session) {
            // The peer's own object, the common answer: never in our exports, no table to look in.
            return false;
        }
        return session.exports.holds(value) || session.embargoes.leadsToThirdVat(value);
    }

    /** Forgets every question: the session is over, and their settlers break. Under the lock. */
    void clear() {
        outstanding = 0;
    }

    /** Under the lock. */
    int size() {
        return outstanding;
    }
}
