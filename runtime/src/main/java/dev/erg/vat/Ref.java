package dev.erg.vat;

import dev.erg.trace.TraceContext;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Inspection of references (what a reference is now, and why it is broken), and an eventual
 * send that names its method. (The operations a network layer needs to carry references
 * between JVMs are package-private here, and reach it through the runtime's internal
 * {@code dev.erg.vat.spi.Refs}.)
 */
public final class Ref {

    static {
        Refs.install(new RefHooks());
    }

    private Ref() {
    }

    /**
     * An eventual reference of {@code iface} whose messages {@code target} carries: how a
     * network layer presents an object of another JVM.
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface
     */
    static <T> T remote(RemoteTarget target, Class<T> iface) {
        Objects.requireNonNull(target, "target");
        RemoteInterfaces.require(iface);
        return iface.cast(RemoteRef.proxy(target, iface));
    }

    /**
     * Checks that {@code iface} is a remote interface whose every method can be called across
     * vats, as {@link Vat#export} does: what a network layer checks before it hands out
     * references of that interface.
     *
     * @throws IllegalArgumentException saying why not, naming the method and the type
     */
    static void requireRemoteInterface(Class<?> iface) {
        RemoteInterfaces.require(Objects.requireNonNull(iface, "iface"));
    }

    /**
     * {@code ref} as the caller expects it: an untyped remote target or a promise becomes a
     * reference of {@code type} when that is a remote interface; anything else is returned as
     * it is.
     */
    static Object asType(Object ref, Class<?> type) {
        if (!type.isInterface() || !RemoteInterfaces.isRemote(type)) {
            return ref;
        }
        return switch (ref) {
            case RemoteTarget target -> target.proxy(type);
            case Promise<?> promise -> PromiseRef.proxy(promise, type);
            case null, default -> ref;
        };
    }

    /** The target behind a reference made by {@link #remote}, the target itself, or null. */
    static RemoteTarget remoteTarget(Object ref) {
        if (ref instanceof RemoteTarget target) {
            return target;
        }
        if (ref instanceof Proxy proxy && Proxy.getInvocationHandler(proxy) instanceof RemoteRef remote) {
            return remote.target();
        }
        return null;
    }

    /** The remote target messages to {@code ref}, a pending promise, go to; else null. */
    static RemoteTarget pipelineOf(Object ref) {
        Promise<?> promise = promiseBehind(ref);
        return promise == null ? null : promise.pipeline();
    }

    /**
     * A new promise whose messages, until it settles, go to {@code pipeline}: how a network
     * layer presents a promise of another JVM, or the answer to a question it asked.
     */
    static Deferred<Object> deferPipelined(RemoteTarget pipeline) {
        Deferred<Object> deferred = Promise.defer();
        deferred.promise().pipelineTo(Objects.requireNonNull(pipeline, "pipeline"));
        return deferred;
    }

    /**
     * Sends {@code method(args)}, naming the method, to {@code target}: an eventual reference,
     * a promise, or a remote target. Messages to a promise wait for it, in order, and are
     * looked up on what it resolves to. The arguments must already be fit to cross (data,
     * promises, references): nothing is converted to the method's declared types.
     *
     * @return the answer; broken with a {@value Problem#NOT_CALLABLE} problem if the target
     *         has no such method
     */
    public static Promise<Object> send(Object target, String method, Object... args) {
        Promise<Object> answer = new Promise<>();
        dispatch(target, method, copy(args), answer);
        return answer;
    }

    /** Like {@link #send}, for a message whose answer nobody wants. */
    static void sendOnly(Object target, String method, Object... args) {
        dispatch(target, method, copy(args), null);
    }

    private static Object[] copy(Object[] args) {
        return args == null ? new Object[0] : args.clone();
    }

    private static void dispatch(Object target, String method, Object[] args, Promise<Object> answer) {
        Objects.requireNonNull(method, "method");
        Vat sender = Vat.current();
        if (sender != null) {
            sender.sending();
        }
        TraceContext traced = Traces.active ? Traces.message(method) : null;
        if (traced == null) {
            route(target, method, args, answer);
            return;
        }
        if (answer != null) {
            answer.trace(traced);
        }
        TraceContext outer = Traces.sending(traced);
        try {
            route(target, method, args, answer);
        } finally {
            Traces.sending(outer);
        }
    }

    /** Delivers to a promise, or hands over to {@link Targets#deliver}, which looks into a proxy only once. */
    private static void route(Object target, String method, Object[] args, Promise<Object> answer) {
        if (target instanceof Promise<?> promise) {
            PromiseMessages.send(promise, null, method, args, answer, null);
        } else {
            Targets.deliver(target, null, null, method, args, answer, null);
        }
    }

    /**
     * What {@code ref} is at this moment: an eventual reference, a promise (or a pipelined
     * proxy of one) still pending, a broken reference, or near (anything else, data included).
     * A settled promise reports what its value is.
     */
    public static RefKind kind(Object ref) {
        return switch (classify(ref)) {
            case FarRef far -> far.home().isShutDown() ? RefKind.BROKEN : RefKind.EVENTUAL;
            case RemoteTarget remote -> remote.problem() != null ? RefKind.BROKEN : RefKind.EVENTUAL;
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

    /**
     * Tells {@code onBroken}, once, in a later turn of the current vat, when {@code ref}
     * breaks and why: a reference to an object of a vat that shuts down, or of another JVM
     * whose connection is lost or whose object breaks there (its vat shut down: the peer is
     * asked to say so), or a promise that breaks (or resolves to such a reference that later
     * breaks). A near object never breaks, so it is never reported.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    public static void monitor(Object ref, Consumer<? super Problem> onBroken) {
        watch(ref, new Watch(monitoringVat(onBroken), onBroken, false));
    }

    /**
     * As {@link #monitor}, and answers the watch: once it is {@linkplain Watch#cancel
     * cancelled}, {@code onBroken} is not called and nothing {@code ref} depends on holds it.
     */
    static Watch monitorUntilCancelled(Object ref, Consumer<? super Problem> onBroken) {
        Watch watch = new Watch(monitoringVat(onBroken), onBroken, false);
        watch(ref, watch);
        return watch;
    }

    /**
     * As {@link #monitorUntilCancelled}, but of a reference of another JVM only the loss of the
     * connection is heard, which asks the peer nothing and so leaves nothing there.
     */
    static Watch monitorLinkUntilCancelled(Object ref, Consumer<? super Problem> onBroken) {
        Watch watch = new Watch(monitoringVat(onBroken), onBroken, true);
        watch(ref, watch);
        return watch;
    }

    private static Vat monitoringVat(Consumer<? super Problem> onBroken) {
        Objects.requireNonNull(onBroken, "onBroken");
        Vat vat = Vat.current();
        if (vat == null) {
            throw new IllegalStateException("monitor() must be called in a turn of a vat, where onBroken will run");
        }
        return vat;
    }

    /** Runs in a turn of the monitoring vat. */
    private static void watch(Object ref, Watch watch) {
        switch (classify(ref)) {
            case FarRef far -> {
                far.home().whenShutDown(watch);
                watch.listening(() -> far.home().forgetShutDown(watch));
            }
            case RemoteTarget remote when watch.linkOnly() -> {
                remote.whenLinkLost(watch);
                watch.listening(() -> remote.forgetLinkLost(watch));
            }
            case RemoteTarget remote -> {
                remote.whenBroken(watch);
                watch.listening(() -> remote.forgetBroken(watch));
            }
            case Promise<?> p -> p.when(value -> {
                if (!watch.cancelled()) {
                    watch(value, watch);
                }
            }, watch);
            default -> {
                // Near objects and data never break.
            }
        }
    }

    /**
     * A promise for what {@code ref} designates once it has settled (E's {@code when}): the
     * object itself where it lives in the current vat, else an eventual reference; broken if
     * {@code ref} breaks. Code that must recognise its own objects among the references it is
     * handed (rights amplification, such as a mint checking a purse) waits for this first: a
     * reference handed on through a third vat arrives as a promise while its handoff completes.
     * {@snippet :
     * public Promise<Long> deposit(long amount, Purse source) {
     *     return Ref.whenResolved(source).thenCompose(src -> {
     *         if (!(src instanceof Account from)) {           // our own purse, near again
     *             throw new ProblemException("NotOurMoney", "not a purse of this mint");
     *         }
     *         return move(amount, from);
     *     });
     * }
     * }
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    @SuppressWarnings("unchecked")
    public static <T> Promise<T> whenResolved(T ref) {
        Vat vat = Vat.current();
        if (vat == null) {
            throw new IllegalStateException("whenResolved() must be called in a turn of a vat");
        }
        Promise<?> promise = promiseBehind(ref);
        if (promise == null) {
            return Promise.of(ref);
        }
        // A reference made of a promise knows its interface: what it resolves to takes it on.
        Class<?> iface = ref instanceof Proxy proxy ? proxy.getClass().getInterfaces()[0] : Object.class;
        return (Promise<T>) promise.then(value -> asType(value, iface));
    }

    /** The problem {@code ref} is broken with, or null if it is not broken. */
    public static Problem problem(Object ref) {
        return switch (classify(ref)) {
            case FarRef far -> far.home().isShutDown() ? far.home().shutDownProblem() : null;
            case RemoteTarget remote -> remote.problem();
            case Promise<?> p -> p.problemOrNull();
            default -> null;
        };
    }

    /** Whether {@code value} is an eventual reference or a pipelined proxy made by this runtime. */
    static boolean isReference(Object value) {
        return value instanceof RemoteTarget
                || value instanceof Proxy p && Proxy.getInvocationHandler(p) instanceof EventualHandler;
    }

    /**
     * What {@code ref} stands for now (E's {@code Ref.resolution}): for a promise, or a
     * reference made from one with {@link Promise#as}, fulfilled with a reference, that
     * reference, itself shortened; for any other promise, the promise; for anything else,
     * {@code ref} itself. A network layer passes the shortened reference, so that a promise for an object
     * of the receiver arrives as that object.
     */
    static Object shorten(Object ref) {
        Object current = ref;
        for (int hops = 0; hops < Pass.MAX_DEPTH; hops++) {
            Promise<?> promise = promiseBehind(current);
            if (promise == null) {
                return current;
            }
            if (!promise.isFulfilled() || !isReference(promise.rawValue())) {
                return promise;
            }
            current = promise.rawValue();
        }
        return current;
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
        RemoteTarget remote = remoteTarget(ref);
        return remote != null ? remote : ref;
    }
}
