package dev.erg.vat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * A revocable boundary around a whole relationship (E's membrane): a caretaker that also
 * wraps every reference passing through it, in either direction, in a caretaker of its own.
 * Whatever a holder obtains through the membrane, and whatever it hands in, reaches the
 * other side only through the membrane, so one {@link #revoke(String)} cuts all of it; every
 * wrapped reference then breaks with a {@value Problem#REVOKED} problem.
 *
 * <p>References are wrapped where a method's declared type names a remote interface: an
 * argument of such a type, and the value of a {@code Promise} of one. References carried
 * inside pass-by-copy values are not wrapped. All wrappers live in one vat, which revoking
 * shuts down; each message costs one extra hop through it.
 */
public final class Membrane {

    private final Vat home;

    private Membrane(Vat home) {
        this.home = home;
    }

    /** A membrane hosted in a new vat of {@code runtime} named {@code name}. */
    public static Membrane in(VatRuntime runtime, String name) {
        return new Membrane(runtime.newVat(name));
    }

    /** A membrane hosted in a new vat named {@code name}, in the runtime of {@code beside}. */
    public static Membrane beside(Vat beside, String name) {
        return in(beside.runtime(), name);
    }

    /**
     * {@code target}, an eventual reference, seen through this membrane.
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface or
     *                                  {@code target} is not an eventual reference
     */
    public <T> T wrap(T target, Class<T> iface) {
        Objects.requireNonNull(target, "target");
        RemoteInterfaces.require(iface);
        if (!Ref.isReference(target) && !(target instanceof Promise<?>)) {
            throw new IllegalArgumentException("not an eventual reference: " + target);
        }
        T forwarder = iface.cast(Proxies.of(iface, new Crossing(target)));
        return home.export(forwarder, iface);
    }

    /**
     * {@code target}, an eventual reference that offers exactly one remote interface, seen
     * through this membrane as that interface: for code that holds a reference without
     * knowing its type, such as a server serving the services it was configured with.
     *
     * @throws IllegalArgumentException if {@code target} offers no remote interface or several
     */
    public Object wrap(Object target) {
        Objects.requireNonNull(target, "target");
        Class<?>[] offered = RemoteInterfaces.of(target.getClass());
        if (offered.length != 1) {
            throw new IllegalArgumentException("a membrane wraps a reference as one remote interface; " + target
                    + " offers " + (offered.length == 0 ? "none" : Arrays.stream(offered).map(Class::getName).toList()));
        }
        return typed(target, offered[0]);
    }

    private <T> T typed(Object target, Class<T> iface) {
        return wrap(iface.cast(target), iface);
    }

    /**
     * Cuts every reference that crossed this membrane, in either direction, with a
     * {@value Problem#REVOKED} problem that gives {@code reason}. Idempotent.
     */
    public void revoke(String reason) {
        home.revoke(reason);
    }

    /** Whether {@link #revoke(String)} was called. */
    public boolean isRevoked() {
        return home.isShutDown();
    }

    /** The remote interface {@code type} names, or null. */
    private static Class<?> remoteInterface(Type type) {
        return type instanceof Class<?> c && c.isInterface() && RemoteInterfaces.isRemote(c) ? c : null;
    }

    /** Wraps {@code value} if it is a reference declared as a remote interface. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object crossing(Object value, Type declared) {
        Class<?> iface = remoteInterface(declared);
        if (iface == null || value == null || !(Ref.isReference(value) || value instanceof Promise<?>)) {
            return value;
        }
        return wrap(value, (Class) iface);
    }

    /** Passes each call on to the target, wrapping the references it carries. */
    private final class Crossing implements InvocationHandler {
        private final Object target;

        Crossing(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Membrane[" + target + "]";
                };
            }
            Object[] passed = args == null ? null : args.clone();
            Type[] declared = method.getGenericParameterTypes();
            for (int i = 0; passed != null && i < passed.length; i++) {
                passed[i] = crossing(passed[i], declared[i]);
            }
            Object answer;
            try {
                answer = method.invoke(target, passed);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (answer instanceof Promise<?> promise
                    && method.getGenericReturnType() instanceof ParameterizedType p
                    && remoteInterface(p.getActualTypeArguments()[0]) != null) {
                Type element = p.getActualTypeArguments()[0];
                return promise.then(value -> crossing(value, element));
            }
            return answer;
        }
    }
}
