package dev.erg.server.spawn;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An object of the server that passes every call on to an object in a worker. Exported by
 * the server, it lets peers on other machines reach a worker's vat, which listens on loopback
 * only: they talk to the server, and the server to the worker. Once {@linkplain #end ended},
 * the calls it passed on that are still unanswered break with the problem it is given. A call
 * that breaks because the worker is gone waits for that end, which follows, so that it breaks
 * with why the worker's vat ended rather than with the lost connection.
 */
final class Forwarder implements InvocationHandler {

    private static final Object[] NO_ARGS = new Object[0];

    private final Class<?> iface;
    private final Object target;
    private final Set<Deferred<Object>> pending = ConcurrentHashMap.newKeySet();
    private volatile Problem ended;

    /** A forwarder of {@code iface} whose calls go to {@code target}, an eventual reference. */
    Forwarder(Class<?> iface, Object target) {
        this.iface = iface;
        this.target = target;
    }

    /** A near object of the forwarder's interface whose calls this forwarder passes on. */
    Object proxy() {
        return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, this);
    }

    /** Breaks every call passed on and not yet answered with {@code why}; may be called from any thread. */
    void end(Problem why) {
        ended = why;
        for (Deferred<Object> answer : pending) {
            if (pending.remove(answer)) {
                answer.resolver().reject(why);
            }
        }
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
        Problem why = ended;
        if (why != null) {
            return method.getReturnType() == void.class ? null : Promise.broken(why);
        }
        Promise<Object> sent = Ref.send(target, method.getName(), args == null ? NO_ARGS : args);
        if (method.getReturnType() == void.class) {
            return null;
        }
        Deferred<Object> answer = Promise.defer();
        pending.add(answer);
        sent.when(value -> {
            if (pending.remove(answer)) {
                answer.resolver().resolve(value);
            }
        }, problem -> {
            if (Ref.problem(target) == null && pending.remove(answer)) {
                answer.resolver().reject(problem);
            }
        });
        // An end that came while this call was passed on has not seen it.
        Problem late = ended;
        if (late != null && pending.remove(answer)) {
            answer.resolver().reject(late);
        }
        return answer.promise();
    }
}
