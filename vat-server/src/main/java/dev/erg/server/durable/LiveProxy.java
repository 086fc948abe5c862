package dev.erg.server.durable;

import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Stands in a vat for one durable object: each call becomes a turn on the engine, answered
 * once that turn has committed.
 */
final class LiveProxy implements InvocationHandler {

    private final Engine engine;
    private final long id;
    private final String kind;

    private LiveProxy(Engine engine, long id, String kind) {
        this.engine = engine;
        this.id = id;
        this.kind = kind;
    }

    static <T> T of(Engine engine, long id, Kind<?, T> kind) {
        Class<T> api = kind.api();
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api},
                new LiveProxy(engine, id, kind.name())));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "durable " + kind + " #" + id;
            };
        }
        Deferred<Object> answer = Promise.defer();
        engine.invoke(id, method, args == null ? new Object[0] : args, answer.resolver());
        return method.getReturnType() == void.class ? null : answer.promise();
    }
}
