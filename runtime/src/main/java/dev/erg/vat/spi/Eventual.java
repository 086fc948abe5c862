package dev.erg.vat.spi;

import dev.erg.vat.Deferred;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.function.Consumer;

/**
 * What a network layer needs from the vat package to carry references between JVMs, kept out
 * of the exported API: {@code dev.erg.vat} implements it and installs it in {@link Refs} when
 * it is initialized. Each method is described at its {@link Refs} counterpart.
 */
public interface Eventual {

    /** See {@link Refs#remote}. */
    <T> T remote(RemoteTarget target, Class<T> iface);

    /** See {@link Refs#proxy}. */
    Object proxy(RemoteTarget target, Class<?> iface);

    /** See {@link Refs#requireRemoteInterface}. */
    void requireRemoteInterface(Class<?> iface);

    /** See {@link Refs#asType}. */
    Object asType(Object ref, Class<?> type);

    /** See {@link Refs#remoteTarget}. */
    RemoteTarget remoteTarget(Object ref);

    /** See {@link Refs#pipelineOf}. */
    RemoteTarget pipelineOf(Object ref);

    /** See {@link Refs#deferPipelined}. */
    Deferred<Object> deferPipelined(RemoteTarget pipeline);

    /** See {@link Refs#send}. */
    Promise<Object> send(Object target, String method, Object... args);

    /** See {@link Refs#sendOnly}. */
    void sendOnly(Object target, String method, Object... args);

    /** See {@link Refs#countFault}. */
    void countFault(PeerFault fault);

    /** See {@link Refs#shorten}. */
    Object shorten(Object ref);

    /** See {@link Refs#observe}. */
    void observe(Promise<?> promise, Consumer<Object> onFulfilled, Consumer<Problem> onBroken);

    /** See {@link Refs#receive}. */
    boolean receive(Runnable receive);
}
