package dev.erg.vat;

import dev.erg.trace.TraceContext;
import java.util.function.Consumer;

/**
 * Something waiting for a {@link Promise} to settle, linked in the promise's ordered list: a
 * vat's callbacks, a message sent through the promise, a promise that follows it, or an
 * observer of the network layer's.
 */
abstract sealed class Reaction permits Reaction.Listener, Reaction.Pipelined, Reaction.Relay, Reaction.Observer {

    Reaction next;

    /**
     * Appends {@code reaction} to {@code promise}'s reactions if it is still pending; false if
     * it has settled (the caller reacts itself).
     */
    static boolean add(Promise<?> promise, Reaction reaction) {
        synchronized (promise) {
            if (promise.status != Promise.PENDING) {
                return false;
            }
            append(promise, reaction);
            return true;
        }
    }

    /** Appends {@code reaction} to {@code promise}'s reactions; the caller holds its lock and saw it pending. */
    static void append(Promise<?> promise, Reaction reaction) {
        if (promise.last == null) {
            promise.first = reaction;
        } else {
            promise.last.next = reaction;
        }
        promise.last = reaction;
    }

    /** Callbacks that run in a later turn of their vat. */
    static final class Listener extends Reaction {
        final Vat vat;
        final Consumer<Object> onFulfilled;
        final Consumer<? super Problem> onBroken;

        Listener(Vat vat, Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
            this.vat = vat;
            this.onFulfilled = onFulfilled;
            this.onBroken = onBroken;
        }

        void fire(Promise<?> settled) {
            vat.enqueue(new Callback(settled, onFulfilled, onBroken));
        }
    }

    /** A message sent through the promise while it was pending. */
    static final class Pipelined extends Reaction {
        /** Null when sent by name, from the network. */
        final RemoteMethod method;
        final String name;
        final Object[] args;
        final Promise<Object> answer;
        final Vat sender;
        /** The context of the message, if traced: it is delivered later, on another thread. */
        final TraceContext trace;

        Pipelined(RemoteMethod method, String name, Object[] args, Promise<Object> answer, Vat sender) {
            this.method = method;
            this.name = name;
            this.args = args;
            this.answer = answer;
            this.sender = sender;
            this.trace = Traces.active ? Traces.frame().sending : null;
        }

        /** Delivers this message through {@code settled}, under the trace context it was sent with. */
        void deliverThrough(Promise<?> settled) {
            if (trace == null) {
                PromiseMessages.deliver(settled, method, name, args, answer, sender);
                return;
            }
            TraceContext outer = Traces.sending(trace);
            try {
                PromiseMessages.deliver(settled, method, name, args, answer, sender);
            } finally {
                Traces.sending(outer);
            }
        }
    }

    /** A promise that settles as this one does. */
    static final class Relay extends Reaction {
        final Promise<?> follower;

        Relay(Promise<?> follower) {
            this.follower = follower;
        }
    }

    /** Something of the network layer's that runs on the settling thread: see {@link Promise#observe}. */
    static final class Observer extends Reaction {
        final Consumer<Object> onFulfilled;
        final Consumer<? super Problem> onBroken;

        Observer(Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
            this.onFulfilled = onFulfilled;
            this.onBroken = onBroken;
        }

        void fire(Promise<?> settled) {
            try {
                Object value;
                try {
                    value = settled.settledValue(null, false);
                } catch (ProblemException e) {
                    onBroken.accept(e.problem());
                    return;
                }
                onFulfilled.accept(value);
            } catch (RuntimeException e) {
                Promise.LOG.log(System.Logger.Level.ERROR, "promise observer " + e.getClass().getName(),
                        () -> "a promise observer failed: " + e, e);
            }
        }
    }
}
