package dev.erg.vat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The handler behind an eventual reference to an object in a vat of this JVM: every call
 * becomes a message queued for that vat.
 */
final class FarRef implements InvocationHandler {

    private final Vat home;
    private final Object target;
    private final Class<?>[] interfaces;

    private FarRef(Vat home, Object target, Class<?>[] interfaces) {
        this.home = home;
        this.target = target;
        this.interfaces = interfaces;
    }

    /** An eventual reference to {@code target}, which lives in {@code home}. */
    static Object proxy(Vat home, Object target, Class<?>[] interfaces) {
        ClassLoader loader = interfaces.length == 1
                ? interfaces[0].getClassLoader()
                : target.getClass().getClassLoader();
        return Proxy.newProxyInstance(loader, interfaces, new FarRef(home, target, interfaces));
    }

    Vat home() {
        return home;
    }

    Object target() {
        return target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args[0] instanceof Proxy p
                        && Proxy.getInvocationHandler(p) instanceof FarRef other
                        && other.target == target;
                case "hashCode" -> System.identityHashCode(target);
                default -> toString();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        RemoteMethod remote = RemoteInterfaces.method(method);
        Vat sender = Vat.current();
        Object[] passed;
        try {
            passed = Pass.arguments(args, sender, home);
        } catch (ProblemException e) {
            if (remote.answers()) {
                return Promise.broken(e.problem());
            }
            throw e;
        }
        Promise<Object> answer = remote.answers() ? new Promise<>() : null;
        deliver(remote, passed, answer, sender);
        return answer;
    }

    /** Queues a message whose arguments are already passed. */
    void deliver(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        home.enqueue(new Delivery(target, method, args, answer, sender));
    }

    boolean implementsInterface(Class<?> iface) {
        for (Class<?> i : interfaces) {
            if (iface.isAssignableFrom(i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Far[" + interfaces[0].getSimpleName() + " in vat " + home.name() + "]";
    }
}
