package dev.erg.server.spawn;

import dev.erg.vat.Ref;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * An object of the server that passes every call on to an object in a worker. Exported by
 * the server, it lets peers on other machines reach a worker's vat, which listens on loopback
 * only: they talk to the server, and the server to the worker. A call after the worker is
 * gone breaks with the problem its reference broke with.
 */
final class Forwarder implements InvocationHandler {

    private static final Object[] NO_ARGS = new Object[0];

    private final Class<?> iface;
    private final Object target;

    private Forwarder(Class<?> iface, Object target) {
        this.iface = iface;
        this.target = target;
    }

    /** A near object of {@code iface} whose calls go to {@code target}, an eventual reference. */
    static <T> T of(Class<T> iface, Object target) {
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                new Forwarder(iface, target)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Forwarder[" + iface.getSimpleName() + "]";
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Object answer = Ref.send(target, method.getName(), args == null ? NO_ARGS : args);
        return method.getReturnType() == void.class ? null : answer;
    }
}
