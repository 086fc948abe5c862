package dev.erg.vat;

import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * The handler behind an eventual reference to an object in a vat of this JVM: every call
 * becomes a message queued for that vat.
 */
final class FarRef extends EventualHandler {

    private final Vat home;
    private final Object target;
    private final Class<?>[] interfaces;
    /**
     * The method last looked up by name: messages to an object mostly name the one before's.
     * Read and written without a lock: a method's fields are final, and a stale one is only a miss.
     */
    private RemoteMethod lastNamed;

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
        return Proxies.of(loader, interfaces, new FarRef(home, target, interfaces));
    }

    Vat home() {
        return home;
    }

    Object target() {
        return target;
    }

    @Override
    Vat destination() {
        return home;
    }

    @Override
    boolean sameAs(Object proxy, Object other) {
        // The interfaces count: one object exported as two interfaces is two references, as a
        // network layer's export table must see them.
        return other instanceof Proxy p && Proxy.getInvocationHandler(p) instanceof FarRef far && far.target == target
                && Arrays.equals(far.interfaces, interfaces);
    }

    @Override
    int hash(Object proxy) {
        return System.identityHashCode(target);
    }

    @Override
    void send(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        deliver(method, args, answer, sender);
    }

    /** Queues a message whose arguments are already passed. */
    void deliver(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        home.enqueue(new Delivery(target, method, args, answer, sender));
    }

    /** The method called {@code name} of the interfaces this reference exposes, or null. */
    RemoteMethod methodNamed(String name) {
        RemoteMethod last = lastNamed;
        if (last != null && last.name().equals(name)) {
            return last;
        }
        RemoteMethod named = RemoteInterfaces.named(interfaces, name);
        if (named != null) {
            lastNamed = named;
        }
        return named;
    }

    /** The remote interfaces this reference exposes. */
    Class<?>[] interfaces() {
        return interfaces;
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
