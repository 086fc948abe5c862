package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.Resolver;
import dev.erg.wire.codec.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Something at the peer that messages can be sent to: one of its exports (an import of ours)
 * or the answer to one of our questions (for pipelining). One instance per position while it
 * is in use, so that references to the same import are equal.
 *
 * <p>An import breaks when the session is lost, or when the peer says its object broke (its
 * vat ended): the first time someone waits for it to break, the peer is asked to say so.
 */
final class Remote implements RemoteTarget {

    private final Session session;
    private final Descriptor.Target target;
    /* Set, under the session's lock, once an answer position is settled and freed at the peer. */
    private boolean retired;
    private Object answeredWith;
    private Problem brokenWith;
    /* Guarded by the session's lock, as the fields above. */
    private boolean sentTo;
    private Embargo embargo;
    /* The last proxy made of this import, and its interface: one reference passed twice arrives as one. */
    private Class<?> proxiedAs;
    private Object proxy;
    /* Why the import broke, at the peer or with the session, and who waits to hear it: guarded by this. */
    private Problem broke;
    private List<Consumer<Problem>> breakListeners;

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
        return Outgoing.send(session, this, method, args, answerType, answer);
    }

    /** The same proxy each time it is asked for the same interface. */
    @Override
    public synchronized Object proxy(Class<?> iface) {
        if (iface != proxiedAs) {
            proxy = RemoteTarget.super.proxy(iface);
            proxiedAs = iface;
        }
        return proxy;
    }

    @Override
    public Problem problem() {
        Problem lost = session.problem();
        if (lost != null) {
            return lost;
        }
        synchronized (this) {
            return broke;
        }
    }

    @Override
    public void whenBroken(Consumer<Problem> listener) {
        if (!(target instanceof Descriptor.Export)) {
            // An answer position breaks as its answer does, which the question tells.
            session.whenLost(listener);
            return;
        }
        Problem already;
        boolean first;
        synchronized (this) {
            already = broke;
            first = breakListeners == null;
            if (already == null) {
                if (first) {
                    breakListeners = new ArrayList<>();
                }
                breakListeners.add(listener);
            }
        }
        if (already != null) {
            listener.accept(already);
        } else if (first) {
            session.imports.watch(this);
        }
    }

    @Override
    public void whenLinkLost(Consumer<Problem> listener) {
        session.whenLost(listener);
    }

    @Override
    public void forgetLinkLost(Consumer<Problem> listener) {
        session.forgetLost(listener);
    }

    @Override
    public void forgetBroken(Consumer<Problem> listener) {
        if (!(target instanceof Descriptor.Export)) {
            session.forgetLost(listener);
            return;
        }
        synchronized (this) {
            if (breakListeners != null && broke == null) {
                breakListeners.remove(listener);
            }
        }
    }

    /** Breaks this import with {@code why}, telling whoever waits; the first problem stays. */
    void broke(Problem why) {
        List<Consumer<Problem>> told;
        synchronized (this) {
            if (broke != null) {
                return;
            }
            broke = why;
            told = breakListeners == null ? List.of() : breakListeners;
            breakListeners = List.of();
        }
        told.forEach(listener -> listener.accept(why));
    }

    /** Why this import broke (the peer said its object did, or the session was lost), or null. */
    synchronized Problem broken() {
        return broke;
    }

    /**
     * Marks this answer position as settled and freed at the peer, or this imported promise as
     * settled: a message that still comes here (its sender raced with the answer) goes to
     * {@code value}, or breaks with {@code problem}. Guarded by the session's lock.
     */
    void retire(Object value, Problem problem) {
        retired = true;
        answeredWith = value;
        brokenWith = problem;
        embargo = null;
    }

    /** Records that a message was sent here: for an answer position, pipelined to it. */
    void markSentTo() {
        sentTo = true;
    }

    boolean wasSentTo() {
        return sentTo;
    }

    /** Holds back what is sent to this answer position or imported promise until it is retired. */
    void embargo(Embargo held) {
        embargo = held;
    }

    /** The embargo holding back messages to this answer position or imported promise, or null. */
    Embargo embargo() {
        return embargo;
    }

    boolean isRetired() {
        return retired;
    }

    Object answeredWith() {
        return answeredWith;
    }

    Problem brokenWith() {
        return brokenWith;
    }

    @Override
    public String toString() {
        return session.peerName() + " " + target;
    }
}
