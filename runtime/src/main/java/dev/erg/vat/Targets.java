package dev.erg.vat;

import java.lang.reflect.Proxy;

/** Delivers a message to whatever a promise resolved to. */
final class Targets {

    private Targets() {
    }

    /**
     * Arguments of a pipelined message were passed before its destination was known; now that
     * it is, references to objects of that vat become near again.
     */
    private static Object[] arrivedIn(Vat destination, Object[] args) {
        return Pass.arguments(args, null, destination);
    }

    /**
     * Delivers {@code method} to {@code value}, a settled promise's value whose near objects
     * belong to {@code origin}; or breaks {@code answer} saying why the value cannot receive it.
     */
    static void deliver(Object value, Vat origin, RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        Class<?> iface = method.declaringInterface();
        if (value instanceof Proxy proxy) {
            switch (Proxy.getInvocationHandler(proxy)) {
                case FarRef far when far.implementsInterface(iface) -> {
                    far.deliver(method, arrivedIn(far.home(), args), answer, sender);
                    return;
                }
                case PromiseRef pipelined -> {
                    pipelined.promise().send(method, args, answer, sender);
                    return;
                }
                default -> {
                }
            }
        }
        Problem refusal;
        if (value == null || !iface.isInstance(value)) {
            refusal = Problem.of(Problem.NOT_CALLABLE, "cannot send %s to %s, which is not a %s",
                    method.describe(), value == null ? "null" : "a " + value.getClass().getSimpleName(),
                    iface.getSimpleName());
        } else if (origin == null) {
            refusal = Problem.of(Problem.NOT_PASSABLE, "cannot send %s to a %s that belongs to no vat",
                    method.describe(), value.getClass().getSimpleName());
        } else {
            origin.enqueue(new Delivery(value, method, arrivedIn(origin, args), answer, sender));
            return;
        }
        if (answer != null) {
            answer.rejectInternal(refusal);
        }
    }
}
