package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Ref;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.Message;
import java.util.Arrays;
import java.util.List;

/**
 * The messages sent to something at the peer: put on the wire as a question or a send-only
 * delivery, held behind an embargo, broken with the session or the target, or, for a message
 * that raced with the answer it was pipelined to, sent where that answer went.
 */
final class Outgoing {

    private Outgoing() {
    }

    /** Sends a message to {@code remote} at the peer; returns the pipeline of its answer. */
    static RemoteTarget send(Session session, Remote remote, String method, Object[] args, Class<?> answerType,
                             Resolver<Object> answer) {
        if (Arrival.METHOD.equals(method)) {
            session.embargoes.forward(remote, args, answer);
            return null;
        }
        List<Object> arguments = Arrays.asList(args == null ? new Object[0] : args);
        Problem gone;
        boolean retired;
        try {
            synchronized (session) {
                // Checked under the lock: once lost() has taken the settlers to break, none may be added.
                gone = session.problem() != null ? session.problem() : remote.broken();
                retired = remote.isRetired();
                if (gone == null && !retired) {
                    if (remote.embargo() != null) {
                        remote.embargo().hold(method, args, answer);
                        return null;
                    }
                    Remote pipeline = null;
                    if (answer == null) {
                        session.sender.send(new Message.DeliverOnly(remote.target(), method, arguments,
                                session.outgoingTrace()));
                    } else {
                        pipeline = session.questions.ask(remote, method, arguments, answerType, answer);
                    }
                    remote.markSentTo();
                    return pipeline;
                }
            }
        } catch (NotPassableException e) {
            if (answer != null) {
                answer.reject(e.problem());
                return null;
            }
            throw e;
        }
        if (gone != null) {
            if (answer != null) {
                answer.reject(gone);
            }
        } else {
            sendToRetired(remote, method, args, answer);
        }
        return null;
    }

    /** A message that raced with the answer it was pipelined to goes where the answer went. */
    private static void sendToRetired(Remote remote, String method, Object[] args, Resolver<Object> answer) {
        if (remote.brokenWith() != null) {
            if (answer != null) {
                answer.reject(remote.brokenWith());
            }
        } else {
            sendToValue(remote.answeredWith(), method, args, answer);
        }
    }

    /** Sends a message meant for an answer to the value the answer turned out to be, here. */
    static void sendToValue(Object value, String method, Object[] args, Resolver<Object> answer) {
        if (answer == null) {
            Refs.sendOnly(value, method, args);
        } else {
            answer.forward(Ref.send(value, method, args));
        }
    }
}
