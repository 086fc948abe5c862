package dev.erg.vat;

import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.RemoteTarget;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Delivers a message to whatever a promise resolved to. */
final class Targets {

    private static final Class<?>[] NONE = new Class<?>[0];

    private Targets() {
    }

    /**
     * Arguments of a pipelined message were passed before its destination was known; now that
     * it is, references to objects of that vat become near again.
     */
    private static Object[] arrivedIn(Vat destination, Object[] args) {
        return Pass.arrived(args, destination);
    }

    /**
     * Delivers a message to {@code value}, a settled promise's value whose near objects belong
     * to {@code origin}; or breaks {@code answer} saying why the value cannot receive it.
     * {@code method} is null for a message sent by name from the network; it is then looked
     * up on the value's remote interfaces.
     */
    static void deliver(Object value, Vat origin, RemoteMethod method, String name, Object[] args,
                        Promise<Object> answer, Vat sender) {
        try {
            route(value, origin, method, name, args, answer, sender);
        } catch (ProblemException e) {
            // Arguments that may not enter the target's vat, as a peer may send them (OCapN allows
            // null in lists): the sender's mistake, told to the sender, never thrown at the wire.
            PeerFault.NOT_CALLABLE.add();
            if (answer != null) {
                answer.rejectInternal(Problem.of(e.problem().kind(), "the arguments of %s cannot be taken: %s",
                        method != null ? method.name() : name, e.problem().message()));
            }
        }
    }

    private static void route(Object value, Vat origin, RemoteMethod method, String name, Object[] args,
                              Promise<Object> answer, Vat sender) {
        if (value instanceof RemoteTarget remote) {
            RemoteRef.send(remote, name, args, answerType(method), answer);
            return;
        }
        if (value instanceof Proxy proxy) {
            switch (Proxy.getInvocationHandler(proxy)) {
                case FarRef far -> {
                    RemoteMethod m = method != null ? method : far.methodNamed(name);
                    if (m != null && far.implementsInterface(m.declaringInterface())) {
                        far.deliver(m, arrivedIn(far.home(), args), answer, sender);
                        return;
                    }
                    RemoteMethod otherwise = method == null ? RemoteInterfaces.otherwise(far.interfaces()) : null;
                    if (otherwise != null) {
                        far.deliver(otherwise, otherwise(name, arrivedIn(far.home(), args)), answer, sender);
                        return;
                    }
                }
                case RemoteRef remote -> {
                    RemoteRef.send(remote.target(), name, args, answerType(method), answer);
                    return;
                }
                case PromiseRef pipelined -> {
                    PromiseMessages.send(pipelined.promise(), method, name, args, answer, sender);
                    return;
                }
                default -> {
                }
            }
        }
        // An arrival travels by name only; a send through a Java proxy never carries one.
        Arrival arrival = method == null ? Arrival.in(name, args) : null;
        if (arrival != null) {
            arrival.arrived();
            return;
        }
        Class<?>[] interfaces = value == null ? NONE : RemoteInterfaces.of(value.getClass());
        RemoteMethod m = method != null || value == null ? method : RemoteInterfaces.named(interfaces, name);
        RemoteMethod otherwise = m == null && method == null ? RemoteInterfaces.otherwise(interfaces) : null;
        if (otherwise != null && origin != null) {
            origin.enqueue(new Delivery(value, otherwise, otherwise(name, arrivedIn(origin, args)), answer, sender));
            return;
        }
        Problem refusal;
        if (m == null || !m.declaringInterface().isInstance(value)) {
            PeerFault.NOT_CALLABLE.add();
            // Named as the wire names it, so that the problem reads the same in one JVM and across machines.
            refusal = Problem.of(Problem.NOT_CALLABLE, "%s has no method %s", describe(value, interfaces),
                    m != null ? m.name() : name);
        } else if (origin == null) {
            refusal = Problem.of(Problem.NOT_PASSABLE, "cannot send %s to a %s that belongs to no vat",
                    m.describe(), value.getClass().getSimpleName());
        } else {
            origin.enqueue(new Delivery(value, m, arrivedIn(origin, args), answer, sender));
            return;
        }
        if (answer != null) {
            answer.rejectInternal(refusal);
        }
    }

    /** The arguments of an {@link Otherwise} method for a message {@code name(args)}. */
    private static Object[] otherwise(String name, Object[] args) {
        List<Object> all = args == null ? List.of() : Collections.unmodifiableList(Arrays.asList(args));
        return new Object[] {name, all};
    }

    /**
     * What a target that cannot take a message is, as the problem names it: its remote
     * interfaces (never its class, which is the callee's private business), or the data it is.
     */
    private static String describe(Object value, Class<?>[] interfaces) {
        if (value instanceof Proxy proxy && Proxy.getInvocationHandler(proxy) instanceof FarRef) {
            interfaces = value.getClass().getInterfaces();
        }
        if (interfaces.length == 0) {
            String data = Conversion.describe(value);
            return data.equals("a reference") ? "an object that is not remote" : data;
        }
        StringBuilder names = new StringBuilder();
        for (Class<?> i : interfaces) {
            names.append(names.isEmpty() ? "" : " & ").append(i.getSimpleName());
        }
        return names.toString();
    }

    private static Class<?> answerType(RemoteMethod method) {
        return method == null ? Object.class : method.answerType();
    }
}
