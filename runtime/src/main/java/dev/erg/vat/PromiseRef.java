package dev.erg.vat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** The handler behind {@link Promise#as}: a pipelined proxy that sends through a promise. */
final class PromiseRef implements InvocationHandler {

    private final Promise<?> promise;
    private final Class<?> iface;

    private PromiseRef(Promise<?> promise, Class<?> iface) {
        this.promise = promise;
        this.iface = iface;
    }

    static Object proxy(Promise<?> promise, Class<?> iface) {
        return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, new PromiseRef(promise, iface));
    }

    Promise<?> promise() {
        return promise;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> promise + " as " + iface.getSimpleName();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        RemoteMethod remote = RemoteInterfaces.method(method);
        Vat sender = Vat.current();
        Object[] passed;
        try {
            // The target's vat is not known yet, so arguments are passed as if to a stranger.
            passed = Pass.arguments(args, sender, null);
        } catch (ProblemException e) {
            if (remote.answers()) {
                return Promise.broken(e.problem());
            }
            throw e;
        }
        Promise<Object> answer = remote.answers() ? new Promise<>() : null;
        promise.send(remote, passed, answer, sender);
        return answer;
    }
}
