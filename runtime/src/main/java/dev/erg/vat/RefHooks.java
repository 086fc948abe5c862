package dev.erg.vat;

import dev.erg.vat.spi.Eventual;
import dev.erg.vat.spi.RemoteTarget;
import java.util.Objects;
import java.util.function.Consumer;

/** The network layer's way in to {@link Ref}'s package-private operations; see {@link dev.erg.vat.spi.Refs}. */
final class RefHooks implements Eventual {

    @Override
    public <T> T remote(RemoteTarget target, Class<T> iface) {
        return Ref.remote(target, iface);
    }

    @Override
    public Object proxy(RemoteTarget target, Class<?> iface) {
        return RemoteRef.proxy(target, iface);
    }

    @Override
    public void requireRemoteInterface(Class<?> iface) {
        Ref.requireRemoteInterface(iface);
    }

    @Override
    public Object asType(Object ref, Class<?> type) {
        return Ref.asType(ref, type);
    }

    @Override
    public RemoteTarget remoteTarget(Object ref) {
        return Ref.remoteTarget(ref);
    }

    @Override
    public RemoteTarget pipelineOf(Object ref) {
        return Ref.pipelineOf(ref);
    }

    @Override
    public Deferred<Object> deferPipelined(RemoteTarget pipeline) {
        return Ref.deferPipelined(pipeline);
    }

    @Override
    public Promise<Object> send(Object target, String method, Object... args) {
        return Ref.send(target, method, args);
    }

    @Override
    public void sendOnly(Object target, String method, Object... args) {
        Ref.sendOnly(target, method, args);
    }

    @Override
    public void countFault(PeerFault fault) {
        fault.add();
    }

    @Override
    public Object shorten(Object ref) {
        return Ref.shorten(ref);
    }

    @Override
    public void observe(Promise<?> promise, Consumer<Object> onFulfilled, Consumer<Problem> onBroken) {
        promise.observe(Objects.requireNonNull(onFulfilled, "onFulfilled"), Objects.requireNonNull(onBroken, "onBroken"));
    }

    @Override
    public boolean receive(Runnable receive) {
        return HereTurns.receive(Objects.requireNonNull(receive, "receive"));
    }
}
