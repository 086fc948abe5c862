package dev.erg.vat;

import java.lang.reflect.Proxy;

/** Inspection of references: what a reference is now, and why it is broken. */
public final class Ref {

    private Ref() {
    }

    /**
     * What {@code ref} is at this moment: an eventual reference, a promise (or a pipelined
     * proxy of one) still pending, a broken reference, or near (anything else, data included).
     * A settled promise reports what its value is.
     */
    public static RefKind kind(Object ref) {
        return switch (classify(ref)) {
            case FarRef far -> far.home().isShutDown() ? RefKind.BROKEN : RefKind.EVENTUAL;
            case Promise<?> p when !p.isSettled() -> RefKind.PROMISE;
            case Promise<?> p when p.problemOrNull() != null -> RefKind.BROKEN;
            case Promise<?> p -> {
                if (p.isNearFor(Vat.current())) {
                    yield RefKind.NEAR;
                }
                Object value = p.rawValue();
                yield isReference(value) ? kind(value) : RefKind.EVENTUAL;
            }
            default -> RefKind.NEAR;
        };
    }

    /** The problem {@code ref} is broken with, or null if it is not broken. */
    public static Problem problem(Object ref) {
        return switch (classify(ref)) {
            case FarRef far -> far.home().isShutDown() ? far.home().shutDownProblem() : null;
            case Promise<?> p -> p.problemOrNull();
            default -> null;
        };
    }

    /** Whether {@code value} is an eventual reference or a pipelined proxy made by this runtime. */
    static boolean isReference(Object value) {
        return value instanceof Proxy p
                && (Proxy.getInvocationHandler(p) instanceof FarRef || Proxy.getInvocationHandler(p) instanceof PromiseRef);
    }

    /** The promise {@code value} is or stands for (a pipelined proxy), or null. */
    static Promise<?> promiseBehind(Object value) {
        if (value instanceof Promise<?> p) {
            return p;
        }
        if (value instanceof Proxy proxy && Proxy.getInvocationHandler(proxy) instanceof PromiseRef pipelined) {
            return pipelined.promise();
        }
        return null;
    }

    /** The handler or promise behind {@code ref}, or {@code ref} itself. */
    private static Object classify(Object ref) {
        Promise<?> promise = promiseBehind(ref);
        if (promise != null) {
            return promise;
        }
        if (ref instanceof Proxy proxy && Proxy.getInvocationHandler(proxy) instanceof FarRef far) {
            return far;
        }
        return ref;
    }
}
