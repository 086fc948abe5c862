package dev.erg.vat;

import dev.erg.vat.spi.RemoteTarget;
import java.lang.reflect.Proxy;

/** The handler behind {@link Ref#remote}: sends go to a {@link RemoteTarget}. */
final class RemoteRef extends EventualHandler {

    private final RemoteTarget target;
    private final Class<?> iface;

    private RemoteRef(RemoteTarget target, Class<?> iface) {
        this.target = target;
        this.iface = iface;
    }

    static Object proxy(RemoteTarget target, Class<?> iface) {
        return Proxies.of(iface, new RemoteRef(target, iface));
    }

    /** Sends through {@code target}, letting the answer pipeline to where the target says. */
    static void send(RemoteTarget target, String method, Object[] args, Class<?> answerType, Promise<Object> answer) {
        RemoteTarget pipeline = target.send(method, args, answerType,
                answer == null ? null : new PromiseResolver<>(answer));
        if (pipeline != null && answer != null) {
            answer.pipelineTo(pipeline);
        }
    }

    RemoteTarget target() {
        return target;
    }

    boolean implementsInterface(Class<?> type) {
        return type.isAssignableFrom(iface);
    }

    @Override
    Vat destination() {
        return null;
    }

    @Override
    boolean leavesJvm() {
        return true;
    }

    @Override
    void send(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        send(target, method.name(), args, method.answerType(), answer);
    }

    @Override
    boolean sameAs(Object proxy, Object other) {
        return other instanceof Proxy p && Proxy.getInvocationHandler(p) instanceof RemoteRef r && r.target.equals(target);
    }

    @Override
    int hash(Object proxy) {
        return target.hashCode();
    }

    @Override
    public String toString() {
        return "Remote[" + iface.getSimpleName() + " at " + target + "]";
    }
}
