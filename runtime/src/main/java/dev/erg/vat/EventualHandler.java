package dev.erg.vat;

import dev.erg.trace.TraceContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * What every eventual proxy does with a call: methods of {@code Object} answer locally,
 * default methods run locally, and every remote method becomes a message whose arguments are
 * passed toward the destination and whose answer is a new promise (none for send-only).
 */
abstract sealed class EventualHandler implements InvocationHandler permits FarRef, PromiseRef, RemoteRef {

    /** The vat the message will be delivered in, or null if not known yet. */
    abstract Vat destination();

    /**
     * Whether messages leave this JVM, encoded: the bytes the receiver gets are then its own
     * whatever the sender does after, so a sender handing its byte arrays over ({@link
     * Vat#handOver}) may skip their copy. In this JVM they are copied all the same, as an array
     * shared by two vats would be state they share.
     */
    boolean leavesJvm() {
        return false;
    }

    /** Sends a message whose arguments are already passed. */
    abstract void send(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender);

    abstract boolean sameAs(Object proxy, Object other);

    abstract int hash(Object proxy);

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> sameAs(proxy, args[0]);
                case "hashCode" -> hash(proxy);
                default -> toString();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        RemoteMethod remote = RemoteInterfaces.method(method);
        Vat sender = Vat.current();
        if (sender != null) {
            sender.sending();
        }
        Object[] passed;
        try {
            passed = Pass.arguments(args, sender, destination(),
                    sender == null || !sender.handingOver() || !leavesJvm());
        } catch (ProblemException e) {
            if (remote.answers()) {
                return Promise.broken(e.problem());
            }
            throw e;
        }
        Promise<Object> answer = remote.answers() ? new Promise<>() : null;
        if (answer != null) {
            remote.expectAnswer(answer);
        }
        TraceContext traced = Traces.active ? Traces.message(remote.describe()) : null;
        if (traced == null) {
            send(remote, passed, answer, sender);
            return answer;
        }
        if (answer != null) {
            answer.trace(traced);
        }
        TraceContext outer = Traces.sending(traced);
        try {
            send(remote, passed, answer, sender);
        } finally {
            Traces.sending(outer);
        }
        return answer;
    }
}
