package dev.erg.vat;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Makes the proxies of eventual references, with the constructor of each interface's proxy
 * class found once: {@link Proxy#newProxyInstance} looks the class up again for every proxy,
 * and a call whose answer is a reference makes one on each side. Where the constructor cannot
 * be reached (a proxy class in a module that does not open it to this one), proxies are made
 * as before.
 */
final class Proxies {

    private static final InvocationHandler NO_HANDLER = (proxy, method, args) -> {
        throw new IllegalStateException("a proxy made only to find its class was called");
    };

    private static final ClassValue<Optional<Constructor<?>>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Optional<Constructor<?>> computeValue(Class<?> iface) {
            Class<?> proxyClass = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, NO_HANDLER)
                    .getClass();
            try {
                Constructor<?> constructor = proxyClass.getConstructor(InvocationHandler.class);
                return constructor.trySetAccessible() ? Optional.of(constructor) : Optional.empty();
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    private Proxies() {
    }

    /** A proxy implementing {@code iface}, defined by its class loader, whose calls go to {@code handler}. */
    static Object of(Class<?> iface, InvocationHandler handler) {
        Constructor<?> constructor = CONSTRUCTORS.get(iface).orElse(null);
        if (constructor == null) {
            return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, handler);
        }
        try {
            return constructor.newInstance(handler);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot make a proxy of " + iface.getName(), e);
        }
    }

    /** A proxy implementing {@code interfaces}, defined by {@code loader}, whose calls go to {@code handler}. */
    static Object of(ClassLoader loader, Class<?>[] interfaces, InvocationHandler handler) {
        if (interfaces.length == 1 && loader == interfaces[0].getClassLoader()) {
            return of(interfaces[0], handler);
        }
        return Proxy.newProxyInstance(loader, interfaces, handler);
    }
}
