package dev.erg.vat.spi;

import dev.erg.vat.Deferred;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;

/**
 * The operations a network layer needs to carry references between JVMs. They live in
 * {@code dev.erg.vat}, package-private, and reach this non-exported package through the
 * {@link Eventual} that {@code dev.erg.vat} installs here, so that applications cannot call
 * them.
 */
public final class Refs {

    private static volatile Eventual eventual;

    private Refs() {
    }

    /**
     * Installs the vat package's implementation; called once, while {@link Ref} is initialized.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(Eventual implementation) {
        if (eventual != null) {
            throw new IllegalStateException("the vat package's hooks are installed already");
        }
        eventual = implementation;
    }

    private static Eventual eventual() {
        Eventual installed = eventual;
        if (installed != null) {
            return installed;
        }
        try {
            MethodHandles.lookup().ensureInitialized(Ref.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialize " + Ref.class.getName(), e);
        }
        return eventual;
    }

    /**
     * An eventual reference of {@code iface} whose messages {@code target} carries: how a
     * network layer presents an object of another JVM.
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface
     */
    public static <T> T remote(RemoteTarget target, Class<T> iface) {
        return eventual().remote(target, iface);
    }

    /**
     * A new eventual reference of {@code iface}, a remote interface already checked, whose
     * messages {@code target} carries: what {@link RemoteTarget#proxy} makes by default.
     */
    public static Object proxy(RemoteTarget target, Class<?> iface) {
        return eventual().proxy(target, iface);
    }

    /**
     * Checks that {@code iface} is a remote interface whose every method can be called across
     * vats, as {@code Vat.export} does: what a network layer checks before it hands out
     * references of that interface.
     *
     * @throws IllegalArgumentException saying why not, naming the method and the type
     */
    public static void requireRemoteInterface(Class<?> iface) {
        eventual().requireRemoteInterface(iface);
    }

    /**
     * {@code ref} as the caller expects it: an untyped remote target or a promise becomes a
     * reference of {@code type} when that is a remote interface; anything else is returned as
     * it is.
     */
    public static Object asType(Object ref, Class<?> type) {
        return eventual().asType(ref, type);
    }

    /** The target behind a reference made by {@link #remote}, the target itself, or null. */
    public static RemoteTarget remoteTarget(Object ref) {
        return eventual().remoteTarget(ref);
    }

    /**
     * The remote target that carries the messages of {@code ref}, a pending promise or a
     * reference made from one, as {@link #deferPipelined} made it; null for anything else.
     */
    public static RemoteTarget pipelineOf(Object ref) {
        return eventual().pipelineOf(ref);
    }

    /**
     * A new promise whose messages, until it settles, go to {@code pipeline}: how a network
     * layer presents a promise of another JVM, or the answer to a question it asked.
     */
    public static Deferred<Object> deferPipelined(RemoteTarget pipeline) {
        return eventual().deferPipelined(pipeline);
    }

    /** As {@link Ref#send}: how a network layer delivers what its peer sent. */
    public static Promise<Object> send(Object target, String method, Object... args) {
        return eventual().send(target, method, args);
    }

    /** Like {@link #send}, for a message whose answer nobody wants. */
    public static void sendOnly(Object target, String method, Object... args) {
        eventual().sendOnly(target, method, args);
    }

    /** Counts one {@code fault} a peer caused, where the network layer detects it. */
    public static void countFault(PeerFault fault) {
        eventual().countFault(fault);
    }

    /**
     * What {@code ref} stands for now (E's {@code Ref.resolution}): for a promise, or a
     * reference made from one with {@link Promise#as}, fulfilled with a reference, that
     * reference, itself shortened; for any other promise, the promise; for anything else,
     * {@code ref} itself. A network layer passes the shortened reference, so that a promise
     * for an object of the receiver arrives as that object.
     */
    public static Object shorten(Object ref) {
        return eventual().shorten(ref);
    }

    /**
     * Calls {@code onFulfilled} with the value of {@code promise} as seen outside any vat
     * (objects of vats as eventual references), or {@code onBroken} with its problem, once, on
     * the thread that settles it, as soon as it has; at once, on the calling thread, if it has
     * settled already. Unlike {@link Promise#when}, no turn is queued: a network layer encodes
     * and sends an answer from the turn that settles it. The callbacks must do brief work that
     * never blocks and never runs application code; what they throw is logged. The value is
     * lent for the call: byte arrays in it are the promise's own, to be read then and not kept.
     */
    public static void observe(Promise<?> promise, Consumer<Object> onFulfilled, Consumer<Problem> onBroken) {
        eventual().observe(promise, onFulfilled, onBroken);
    }

    /**
     * Runs {@code receive}, which hands messages that arrived from the network to vats; then
     * this thread runs, itself, the turns it queued for vats that were idle, rather than waking
     * a vat thread for each, up to a bound; the rest goes to the vats' threads. A vat still
     * runs one turn at a time. A network layer calls this on its I/O thread for each message
     * it decodes, holding no lock. Under a deterministic scheduler, every turn stays with the
     * scheduler. Returns whether any turn ran here.
     */
    public static boolean receive(Runnable receive) {
        return eventual().receive(receive);
    }
}
