package dev.erg.vat.spi;

import dev.erg.vat.Problem;
import dev.erg.vat.Resolver;
import java.util.function.Consumer;

/**
 * The far end of a reference that leaves this JVM, implemented by a network layer (CapTP).
 * Application code never sees one directly: it holds a proxy made by {@link Refs#remote}, or a
 * promise whose messages a remote target carries (see {@link Refs#deferPipelined}).
 *
 * <p>Implementations must be thread-safe and must not block: they encode and queue.
 */
public interface RemoteTarget {

    /**
     * Sends {@code method(args)} to the far object.
     *
     * @param args       the arguments, already passed out of their vats: data, promises,
     *                   resolvers, eventual references and remote targets
     * @param answerType the type the caller expects the answer to be: a remote interface
     *                   (whose proxy the answer should become) or {@code Object.class}
     * @param answer     settles the caller's promise for the answer; null for a send-only
     *                   message
     * @return where messages sent to the answer should go until it settles (promise
     *         pipelining), or null to queue them locally
     */
    RemoteTarget send(String method, Object[] args, Class<?> answerType, Resolver<Object> answer);

    /**
     * An eventual reference of {@code iface}, a remote interface, whose messages this target
     * carries. Implementations should answer the same proxy for the same interface while
     * they can, so that one reference received twice is one reference ({@code ==}), as it is
     * in one JVM.
     */
    default Object proxy(Class<?> iface) {
        return Refs.proxy(this, iface);
    }

    /** Why this reference no longer works, or null while it does. */
    default Problem problem() {
        return null;
    }

    /**
     * Calls {@code listener} once, with the problem, when this reference breaks (at once if it
     * is broken already). The listener must only queue work.
     */
    void whenBroken(Consumer<Problem> listener);

    /** Stops telling {@code listener}, given to {@link #whenBroken}, and lets go of it. */
    default void forgetBroken(Consumer<Problem> listener) {
    }

    /**
     * Calls {@code listener} once, with the problem, when the connection this reference rides
     * is lost, without asking the peer anything (unlike {@link #whenBroken}, which asks the peer
     * to say when the object breaks, and so keeps state at the peer).
     */
    default void whenLinkLost(Consumer<Problem> listener) {
        whenBroken(listener);
    }

    /** Stops telling {@code listener}, given to {@link #whenLinkLost}, and lets go of it. */
    default void forgetLinkLost(Consumer<Problem> listener) {
        forgetBroken(listener);
    }
}
