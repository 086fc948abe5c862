package dev.erg.net;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A reference, made by {@link Node#reconnecting}, that outlives the connections under it: its
 * calls go to a live reference fetched through a sturdy ref, and each time the vat is
 * reachable again (Joule's {@code Available}) a fresh live reference replaces the broken one.
 * While the vat is away, an {@link AwayPolicy} decides what becomes of calls.
 *
 * {@snippet :
 * try (Reconnecting<Counter> counter = node.reconnecting(ref, Counter.class, AwayPolicy.queue(100, Duration.ofSeconds(30)))) {
 *     counter.reference().increment(1);       // sent now, or once the counter's vat is back
 * }
 * }
 *
 * <p>What it cannot hide: a call already sent when the connection drops breaks with an
 * {@value Problem#UNAVAILABLE} problem (it may or may not have run), and an object whose vat
 * restarted without keeping its state starts afresh. If fetching through the sturdy ref
 * fails once the vat is back (the ref was revoked, say), waiting calls break with that
 * problem. The reference is an eventual reference of the node's vat, where its bookkeeping
 * runs; it can be passed to other vats like any other, and breaks with
 * {@value Problem#VAT_SHUT_DOWN} once the node is closed.
 *
 * @param <T> the remote interface of the designated object
 */
public final class Reconnecting<T> implements AutoCloseable {

    /*
     * Every field but `live` is touched only in turns of the node's vat: calls reach the
     * forwarder there as eventual sends, and the watch, the fetches and the deadline timers
     * report there. `live` is also read by isAvailable(), from any thread.
     */

    private final Node node;
    private final Vat vat;
    private final SturdyRef ref;
    private final Class<T> iface;
    private final AwayPolicy policy;
    private final T reference;
    private volatile Node.Watch watch;
    private volatile T live;
    private Problem lastProblem;
    private Deferred<T> waiting;
    private int waitingCalls;
    private boolean closed;

    Reconnecting(Node node, Vat vat, SturdyRef ref, Class<T> iface, AwayPolicy policy) {
        this.node = node;
        this.vat = vat;
        this.ref = ref;
        this.iface = iface;
        this.policy = policy;
        Object forwarder = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, new Forwarder());
        this.reference = vat.export(iface.cast(forwarder), iface);
    }

    /** Starts watching the vat; the first live reference arrives once it is reachable. */
    void start() {
        watch = node.watch(ref, vat.export(this::available, AvailabilityListener.class));
    }

    /** The reference to call: an eventual reference of {@code T} that stays usable across reconnections. */
    public T reference() {
        return reference;
    }

    /** The sturdy ref it reconnects through. */
    public SturdyRef sturdyRef() {
        return ref;
    }

    /** Whether a live reference is in place now, so that a call made now is sent at once. */
    public boolean isAvailable() {
        T current = live;
        return current != null && Ref.kind(current) != RefKind.BROKEN;
    }

    /**
     * Stops reconnecting: waiting calls, and every later call, break with an
     * {@value Problem#UNAVAILABLE} problem. Idempotent.
     */
    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        try {
            vat.run(this::closeInVat);
        } catch (IllegalStateException nodeClosed) {
            // The node's vat is shut down: calls through the reference already break.
        }
    }

    private void closeInVat() {
        closed = true;
        live = null;
        breakWaiting(Problem.of(Problem.UNAVAILABLE, "the reconnecting reference to vat %s was closed", ref.vatId()));
    }

    /** In the node's vat: the watched vat is reachable; fetch a fresh live reference. */
    private void available() {
        if (closed) {
            return;
        }
        node.connect(ref, iface).when(this::install, problem -> {
            lastProblem = problem;
            breakWaiting(problem);
        });
    }

    private void install(T fresh) {
        if (closed) {
            return;
        }
        live = fresh;
        lastProblem = null;
        if (waiting != null) {
            Deferred<T> sent = waiting;
            waiting = null;
            waitingCalls = 0;
            // Delivers the waiting calls, in order, before any later call can reach `live`.
            sent.resolver().resolve(fresh);
        }
    }

    private void breakWaiting(Problem why) {
        if (waiting != null) {
            Deferred<T> broken = waiting;
            waiting = null;
            waitingCalls = 0;
            broken.resolver().reject(why);
        }
    }

    /**
     * In the node's vat: sends a call to the live reference, holds it until the vat is back,
     * or refuses it, as the policy says. Returns its answer (null for a send-only call).
     */
    private Object route(Method method, Object[] args) throws Throwable {
        if (closed) {
            return refuse(method, Problem.of(Problem.UNAVAILABLE, "the reconnecting reference to vat %s was closed",
                    ref.vatId()));
        }
        T current = live;
        if (current != null && Ref.kind(current) == RefKind.BROKEN) {
            lastProblem = Ref.problem(current);
            live = null;
            current = null;
        }
        if (current != null) {
            return invoke(current, method, args);
        }
        return switch (policy) {
            case AwayPolicy.BreakAtOnce _ -> refuse(method, Problem.of(Problem.UNAVAILABLE, "vat %s is away: %s",
                    ref.vatId(), lastProblem == null ? "not connected yet" : lastProblem.message()));
            case AwayPolicy.Queue q -> enqueue(q, method, args);
        };
    }

    private Object enqueue(AwayPolicy.Queue q, Method method, Object[] args) throws Throwable {
        if (waiting == null) {
            Deferred<T> window = Promise.defer();
            waiting = window;
            vat.timer().after(q.maxWait()).when(x -> {
                if (waiting == window) {
                    breakWaiting(Problem.of(Problem.UNAVAILABLE, "vat %s was not back within %d ms",
                            ref.vatId(), q.maxWait().toMillis()));
                }
            }, p -> { });
        }
        if (waitingCalls >= q.maxCalls()) {
            return refuse(method, Problem.of(Problem.UNAVAILABLE, "vat %s is away and %d calls already wait for it",
                    ref.vatId(), waitingCalls));
        }
        waitingCalls++;
        return invoke(waiting.promise().as(iface), method, args);
    }

    private static Object refuse(Method method, Problem why) {
        // A send-only call has no answer to break; it is dropped.
        return method.getReturnType() == void.class ? null : Promise.broken(why);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return "Reconnecting[" + iface.getSimpleName() + " at vat " + ref.vatId() + "]";
    }

    /** The object behind {@link #reference()}, in the node's vat. */
    private final class Forwarder implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> Reconnecting.this.toString();
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return route(method, args);
        }
    }
}
