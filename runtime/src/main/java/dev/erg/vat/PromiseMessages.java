package dev.erg.vat;

import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.RemoteTarget;

/**
 * The messages sent through a {@link Promise}: queued in it while it is pending, sent on to
 * the remote answer it pipelines to, or delivered to what it settled to.
 */
final class PromiseMessages {

    private PromiseMessages() {
    }

    /**
     * Sends a message through {@code promise}: queued while pending, delivered to the target
     * once fulfilled, broken at once if broken. {@code method} may be null for a message sent
     * by name from the network; {@code answer} is null for a send-only message.
     */
    static void send(Promise<?> promise, RemoteMethod method, String name, Object[] args, Promise<Object> answer,
                     Vat sender) {
        RemoteTarget pipeline;
        synchronized (promise) {
            pipeline = promise.status == Promise.PENDING ? promise.remote : null;
            if (promise.status == Promise.PENDING && pipeline == null) {
                Reaction.append(promise, new Reaction.Pipelined(method, name, args, answer, sender));
                return;
            }
        }
        // Sent on at once, from the turn (and so under the trace context) that sends it.
        if (pipeline != null) {
            RemoteRef.send(pipeline, name, args, method == null ? Object.class : method.answerType(), answer);
        } else {
            deliver(promise, method, name, args, answer, sender);
        }
    }

    /** Delivers a message sent through {@code settled}, which has settled, to what it holds. */
    static void deliver(Promise<?> settled, RemoteMethod method, String name, Object[] args, Promise<Object> answer,
                        Vat sender) {
        if (settled.statusNow() == Promise.BROKEN) {
            Arrival arrival = Arrival.in(name, args);
            if (arrival != null) {
                arrival.arrived();
            } else if (answer != null) {
                answer.rejectInternal(settled.problem);
            }
            return;
        }
        Targets.deliver(settled.value, settled.origin, method, name, args, answer, sender);
    }
}
