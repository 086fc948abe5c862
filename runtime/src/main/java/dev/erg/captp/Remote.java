package dev.erg.captp;

import dev.erg.vat.Problem;
import dev.erg.vat.RemoteTarget;
import dev.erg.vat.Resolver;
import dev.erg.wire.Descriptor;

/**
 * Something at the peer that messages can be sent to: one of its exports (an import of ours)
 * or the answer to one of our questions (for pipelining). One instance per position, so that
 * references to the same import are equal.
 */
final class Remote implements RemoteTarget {

    private final Session session;
    private final Descriptor.Target target;

    Remote(Session session, Descriptor.Target target) {
        this.session = session;
        this.target = target;
    }

    Session session() {
        return session;
    }

    Descriptor.Target target() {
        return target;
    }

    @Override
    public RemoteTarget send(String method, Object[] args, Class<?> answerType, Resolver<Object> answer) {
        return session.sendTo(target, method, args, answerType, answer);
    }

    @Override
    public Problem problem() {
        return session.problem();
    }

    @Override
    public String toString() {
        return session.peerName() + " " + target;
    }
}
