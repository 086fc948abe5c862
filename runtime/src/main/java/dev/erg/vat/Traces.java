package dev.erg.vat;

import dev.erg.trace.Sampler;
import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceLog;
import dev.erg.trace.Tracer;
import java.util.function.Consumer;

/**
 * How the trace context follows eventual sends within a JVM (see {@link Tracer}). Each thread
 * has a frame: the tracer and log of the vat whose sampled turn it runs, the context that turn
 * runs under, and the context of the message being sent, if any, which the turn queued for it
 * (or the network layer encoding it) takes. Nothing here runs unless a runtime has a tracer:
 * every caller first checks its runtime's tracer, a turn's or promise's context, or
 * {@link #active}. A turn that is not sampled leaves its thread's frame empty, so that what it
 * sends finds nothing to follow at the first look.
 */
final class Traces {

    /** Whether any runtime of this JVM was built with a tracer; never reset. */
    static volatile boolean active;

    private static final ThreadLocal<Frame> FRAME = ThreadLocal.withInitial(Frame::new);

    private Traces() {
    }

    /** One thread's tracing state; for a thread not of the pool, also the vat whose turn it runs. */
    static final class Frame {
        /**
         * The vat whose turn runs on this thread if it is not a {@link VatThread} (which keeps
         * it in {@link VatThread#vat}), else null: kept here so that one lookup finds both.
         */
        Vat vat;
        /** The log of the vat whose sampled turn runs here (or for which the network layer acts), else null. */
        TraceLog log;
        Tracer tracer;
        /** The context of the running turn, null if it is not sampled or no turn runs. */
        TraceContext turn;
        /** The context of the message being sent, taken by the turn queued for it. */
        TraceContext sending;
        /**
         * Whether the network layer is delivering a message from a peer that carried no context,
         * and has not yet drawn whether it starts a trace: the first send or turn it makes draws.
         */
        boolean receiving;
        /**
         * Decides which roots started on this thread are sampled; null until it starts one. Kept
         * until a root of another tracer replaces it, and its tracer (with the tracer's sink) with it.
         */
        Sampler sampler;

        /** Whether nothing here is traced: no sampled turn runs, nothing is being sent or received under a context. */
        boolean idle() {
            return turn == null && sending == null && !receiving;
        }
    }

    static Frame frame() {
        return Thread.currentThread() instanceof VatThread t ? t.frame : FRAME.get();
    }

    /** The frame of this thread, which is not a {@link VatThread}. */
    static Frame plainFrame() {
        return FRAME.get();
    }

    /**
     * The context of a message about to be sent: a new span of the running turn's trace,
     * recorded as sent; the context the network layer received it with, or a new root for a
     * message received without one, if sampled; or null if the running turn is not sampled
     * (or none runs).
     */
    static TraceContext message(String label) {
        Frame f = frame();
        return f.idle() ? null : message(f, label);
    }

    private static TraceContext message(Frame f, String label) {
        TraceContext turn = f.turn;
        if (f.sending != null) {
            return f.sending;
        }
        if (turn == null) {
            // A message from a peer that carried no context may start a trace here, its answer named by it.
            TraceContext root = drawRoot(f, f.tracer);
            if (root != null) {
                f.log.record(TraceEvent.Kind.SEND, root, 0, 0, label);
            }
            return root;
        }
        TraceContext m = f.tracer.child(turn);
        f.log.record(TraceEvent.Kind.SEND, m, turn.span(), 0, label);
        return m;
    }

    /**
     * The sampling decision of a root, made once (a message received without context draws no
     * more) by the sampler of this thread, which it keeps for the tracer it last sampled for.
     */
    private static TraceContext drawRoot(Frame f, Tracer tracer) {
        f.receiving = false;
        Sampler sampler = f.sampler;
        if (sampler == null || !sampler.samplesFor(tracer)) {
            // A thread that starts roots in runtimes of two tracers in turn draws a fresh run at
            // each change: runs are geometric, so the roots of each are still sampled at its rate.
            sampler = tracer.sampler();
            f.sampler = sampler;
        }
        return sampler.root();
    }

    /** Makes {@code message} the one being sent on this thread; returns the one it replaces. */
    static TraceContext sending(TraceContext message) {
        Frame f = frame();
        TraceContext previous = f.sending;
        f.sending = message;
        return previous;
    }

    /**
     * Gives {@code turn}, about to be queued on {@code into}, its context: the message's being
     * sent, for a delivery; for a reaction, a new span of the answer it reacts to (whichever
     * thread settled it, so that the graph is the same in one JVM and across machines); else a
     * new span of the running turn's trace; else, from outside any turn, a new root if sampled.
     * A message sent or a call made from outside any turn is such a root, and its answer is named by it.
     */
    static void stamp(Turn turn, Vat into, Tracer tracer) {
        // The one check of a turn queued by an unsampled turn of a pool thread, the common case:
        // nothing is being sent under a context, and only a reaction to a traced answer is traced.
        if (Thread.currentThread() instanceof VatThread t && t.vat != null && t.frame.idle()
                && !(turn instanceof Callback callback && callback.promiseTrace() != null)) {
            return;
        }
        stamp(frame(), turn, into, tracer);
    }

    /** The vat whose turn runs on the thread of frame {@code f}, or null. */
    private static Vat running(Frame f) {
        return Thread.currentThread() instanceof VatThread t ? t.vat : f.vat;
    }

    private static void stamp(Frame f, Turn turn, Vat into, Tracer tracer) {
        if (turn instanceof Delivery && f.sending != null) {
            turn.trace = f.sending;
            f.sending = null;
            return;
        }
        TraceContext parent = f.turn;
        long cause = 0;
        if (turn instanceof Callback callback) {
            TraceContext answer = callback.promiseTrace();
            if (answer != null) {
                parent = answer;
                cause = answer.span();
            }
        }
        TraceContext context;
        if (parent != null) {
            context = tracer.child(parent);
        } else if (!(turn instanceof Callback) && (f.receiving || f.log == null && running(f) == null)) {
            context = drawRoot(f, tracer);
        } else {
            return;
        }
        if (context == null) {
            return;
        }
        if (parent == null) {
            turn.nameAnswer(context);
        }
        turn.trace = context;
        if (parent == null || cause != 0) {
            // Roots and reactions are recorded by the vat they run in, on its own thread as the turn begins:
            // the thread that queues one, often not the vat's, then shares no log with the vat's turns.
            turn.sendUnrecorded = true;
            return;
        }
        // Anything else by the sender, if one records.
        TraceLog log = f.log != null ? f.log : into.traceLog();
        log.record(TraceEvent.Kind.SEND, context, parent.span(), 0, turn.label());
    }

    /**
     * Records the sending of {@code turn}, a root or a reaction that {@link #stamp} left for
     * {@code log}, its vat's, to record: a root's context has no parent; a reaction's parent is
     * the answer it reacts to, which is also its cause.
     */
    static void recordSend(Turn turn, TraceContext context, TraceLog log) {
        turn.sendUnrecorded = false;
        log.record(TraceEvent.Kind.SEND, context, context.parent(), context.parent(), turn.label());
    }

    /** Records that {@code answer}, which followed {@code followed} if not null, settled; if anyone records here. */
    static void settled(TraceContext answer, Promise<?> followed, Problem problem) {
        Frame f = frame();
        TraceLog log = f.log;
        if (log == null) {
            // In a turn that is not sampled, the vat it runs in records.
            Vat vat = Vat.current();
            log = vat == null ? null : vat.traceLog();
            if (log == null) {
                return;
            }
        }
        TraceContext followedTrace = followed == null ? null : followed.trace();
        // A message sent on later (past an embargo) has a second answer named as the first: not a cause of its own.
        long cause = followedTrace == null || followedTrace.span() == answer.span() ? 0 : followedTrace.span();
        long parent = f.turn == null ? 0 : f.turn.span();
        if (problem == null) {
            log.record(TraceEvent.Kind.FULFILL, answer, parent, cause, "");
        } else {
            log.broke(answer, parent, cause, problem.kind(), problem.message());
        }
    }

    /**
     * Runs {@code action} on {@code received} as the network layer receiving a message that
     * carried {@code message} (null if no context) for {@code vat}: a turn queued for the
     * message runs under its context, and answers settled meanwhile are recorded in the vat's
     * log. A context whose sampled flag is clear is its root's decision against recording: the
     * message is not traced, nor drawn for.
     */
    static <T> void receive(Vat vat, TraceContext message, Consumer<? super T> action, T received) {
        TraceLog log = vat.traceLog();
        if (log == null) {
            action.accept(received);
            return;
        }
        Frame f = frame();
        TraceLog outerLog = f.log;
        Tracer outerTracer = f.tracer;
        TraceContext outerTurn = f.turn;
        TraceContext outerSending = f.sending;
        boolean outerReceiving = f.receiving;
        f.log = log;
        f.tracer = vat.runtime().tracer();
        f.turn = null;
        f.sending = message != null && message.sampled() ? message : null;
        f.receiving = message == null;
        try {
            action.accept(received);
        } finally {
            f.log = outerLog;
            f.tracer = outerTracer;
            f.turn = outerTurn;
            f.sending = outerSending;
            f.receiving = outerReceiving;
        }
    }
}
