package dev.erg.vat.spi;

import dev.erg.trace.TraceContext;
import dev.erg.vat.Problem;
import dev.erg.vat.Vat;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The operations a host of untrusted code (confined vats) needs on a vat: a guard around its
 * turns and termination with a reason. They live in {@code dev.erg.vat}, package-private, and
 * reach this non-exported package through the {@link VatControl} that {@code dev.erg.vat}
 * installs here, so that applications cannot call them.
 */
public final class Vats {

    private static volatile VatControl control;

    private Vats() {
    }

    /**
     * Installs the vat package's implementation; called once, while {@link Vat} is initialized.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(VatControl implementation) {
        if (control != null) {
            throw new IllegalStateException("the vat package's control is installed already");
        }
        control = implementation;
    }

    private static VatControl control() {
        VatControl installed = control;
        if (installed != null) {
            return installed;
        }
        try {
            MethodHandles.lookup().ensureInitialized(Vat.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot initialize " + Vat.class.getName(), e);
        }
        return control;
    }

    /**
     * Runs {@code guard} around every turn of {@code vat}. Set it before the first turn of the
     * vat is queued (right after {@link dev.erg.vat.VatRuntime#newVat}): the vat reads it
     * without synchronisation.
     *
     * @throws IllegalStateException if the vat has a guard already
     */
    public static void guard(Vat vat, TurnGuard guard) {
        control().guard(vat, guard);
    }

    /**
     * Stops {@code vat} like {@link Vat#shutdown()}, but every message queued or later sent to
     * it, and every reference into it (of this JVM or, through the network layer's shutdown
     * listeners, of others), breaks with a {@value dev.erg.vat.Problem#VAT_SHUT_DOWN} problem
     * whose message is {@code "vat NAME terminated: REASON"}. The current turn, if any,
     * finishes. Does nothing if the vat is stopped already.
     */
    public static void terminate(Vat vat, String reason) {
        control().terminate(vat, reason);
    }

    /** Whether {@code vat}'s runtime traces causality (has a {@link dev.erg.trace.Tracer}). */
    public static boolean traces(Vat vat) {
        return control().traces(vat);
    }

    /**
     * The trace context of the eventual send this thread is making, for the network layer to
     * carry with it; null if the send is not traced (always, unless a runtime of this JVM has a
     * {@link dev.erg.trace.Tracer}).
     */
    public static TraceContext outgoingTrace() {
        return control().outgoingTrace();
    }

    /**
     * Runs {@code action} on {@code received}, the network layer's handling of a message from
     * a peer for {@code vat}'s objects: a message it delivers runs under {@code message}, the
     * context the peer sent (null if none: a traced runtime may then start a trace; one not
     * sampled: it is not traced), and answers it settles are recorded in {@code vat}'s trace
     * log. Just runs it if the vat's runtime does not trace. The message is passed apart from
     * the action so that a caller can keep one action for every message.
     */
    public static <T> void receive(Vat vat, TraceContext message, Consumer<? super T> action, T received) {
        control().receive(vat, message, action, received);
    }

    /**
     * Runs {@code send}, the network layer's sending on of a message it held back (behind an
     * embargo), as that message: the eventual send it makes carries {@code message}, the
     * context the message was first sent with ({@link #outgoingTrace} then; null if none), and
     * the turn that receives it runs under it.
     */
    public static void sendAs(TraceContext message, Runnable send) {
        control().sendAs(message, send);
    }

    /**
     * Runs {@code send} in a turn of {@code vat}: the eventual sends it makes to another JVM
     * hand their byte arrays over to the encoder as they are, instead of copying them first, as
     * a mutable array otherwise is. For a sender that will not touch them again (a stream's
     * writer, which drops each item once sent). Sends to vats of this JVM copy them all the
     * same: an array shared with the receiver would be state shared between vats.
     */
    public static void handOver(Vat vat, Runnable send) {
        control().handOver(vat, send);
    }

    /**
     * The vat whose turn is running on this thread, or null outside any turn: how runtime
     * parts built on the public API (streams) find the vat they were made in. Not public, since
     * a vat is authority (to shut it down) that code handed no reference to it must not gain.
     */
    public static Vat current() {
        return control().current();
    }

    /**
     * Tells {@code onBroken}, once, in a later turn of the current vat, when {@code ref}'s vat
     * shuts down (a vat of this JVM), the connection it rides is lost (a vat of another JVM),
     * or the promise it is breaks; and answers how to stop: once the answer has run,
     * {@code onBroken} is not called and nothing {@code ref} depends on holds it any more.
     * Unlike {@link dev.erg.vat.Ref#monitor}, it asks a peer nothing, so it leaves no state there:
     * for watchers that end long before what they watch (a stream's end), whose listeners would
     * otherwise pile up in a long-lived vat or session.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    public static Runnable monitor(Object ref, Consumer<? super Problem> onBroken) {
        return control().monitor(ref, onBroken);
    }

    /**
     * How values are made the declared type {@code declared} when they arrive as a method's
     * argument: the returned operator answers the value as that type (an {@code int} for a
     * {@code Long} that fits, say) or throws {@link IllegalArgumentException} saying why it
     * does not fit.
     *
     * @throws IllegalArgumentException if values of {@code declared} can never cross vats
     */
    public static UnaryOperator<Object> conversionTo(Type declared) {
        return control().conversionTo(declared);
    }
}
