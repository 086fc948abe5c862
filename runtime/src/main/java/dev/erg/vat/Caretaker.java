package dev.erg.vat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * A revocable forwarder (E's caretaker): a reference that passes every message on to a
 * target until it is revoked. Whoever holds {@link #reference()} reaches the target through
 * it; {@link #revoke(String)} cuts every such reference at once, wherever it has travelled,
 * and they break with a {@value Problem#REVOKED} problem.
 *
 * <p>The forwarder lives in a small vat of its own, which revoking shuts down: references
 * into a shut-down vat break locally at once, and across machines through the monitoring of
 * imports, so no holder keeps a way around the revocation. Each message costs one extra hop
 * through that vat.
 *
 * @param <T> the remote interface the forwarder offers
 */
public final class Caretaker<T> {

    private final Vat home;
    private final T reference;

    private Caretaker(Vat home, T reference) {
        this.home = home;
        this.reference = reference;
    }

    /**
     * A caretaker for {@code target}, an eventual reference, hosted in a new vat of
     * {@code runtime} named {@code name}.
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface or
     *                                  {@code target} is not an eventual reference
     */
    public static <T> Caretaker<T> of(VatRuntime runtime, String name, T target, Class<T> iface) {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(target, "target");
        RemoteInterfaces.require(iface);
        if (!Ref.isReference(target) && !(target instanceof Promise<?>)) {
            throw new IllegalArgumentException("not an eventual reference: " + target);
        }
        Vat home = runtime.newVat(name);
        T forwarder = iface.cast(Proxies.of(iface, new Forwarding(target)));
        return new Caretaker<>(home, home.export(forwarder, iface));
    }

    /**
     * A caretaker for {@code target} hosted in a new vat named {@code name}, in the runtime
     * of {@code beside}: for a service that hands out caretakers from its own turns.
     */
    public static <T> Caretaker<T> beside(Vat beside, String name, T target, Class<T> iface) {
        return of(beside.runtime(), name, target, iface);
    }

    /** The revocable reference to hand out. */
    public T reference() {
        return reference;
    }

    /**
     * Cuts every reference obtained from {@link #reference()}: messages still queued and
     * every later one break with a {@value Problem#REVOKED} problem that gives {@code reason}.
     * Idempotent.
     */
    public void revoke(String reason) {
        home.revoke(reason);
    }

    /** Whether {@link #revoke(String)} was called. */
    public boolean isRevoked() {
        return home.isShutDown();
    }

    /** Passes each call on to the target, in a turn of the caretaker's vat. */
    private record Forwarding(Object target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Caretaker[" + target + "]";
                };
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
