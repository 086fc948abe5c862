package dev.erg.vat;

import dev.erg.trace.TraceContext;

/**
 * One unit of work queued on a vat: it runs alone, to completion, on the vat's event loop.
 * Turns form an intrusive list ({@link #next}) so that queueing allocates nothing.
 */
abstract sealed class Turn permits Delivery, Callback, Task {

    /** Link in the vat's queue; written before publication, read by the vat's loop only. */
    Turn next;

    /** The trace context the turn runs under; null unless its runtime traces and it is sampled. */
    TraceContext trace;

    /**
     * Whether the sending of this turn, a root or a reaction to a traced answer, is still to be
     * recorded, by the vat the turn runs in when it begins or is cancelled (see {@link Traces#stamp}).
     */
    boolean sendUnrecorded;

    /** What the turn does, as a trace names it. */
    abstract String label();

    /** Runs the turn on its vat's loop. */
    abstract void run(Vat vat);

    /** Called instead of {@link #run} when the vat is shut down before the turn could run. */
    abstract void cancel(Problem why);

    /**
     * Names the turn's answer, if it has one not named yet, by {@code root}: the context the
     * turn was given as the root of a trace, for a message sent or a call made from outside
     * any turn, so that the answer's settling is recorded under it.
     */
    final void nameAnswer(TraceContext root) {
        Promise<?> answer = answer();
        if (answer != null && answer.trace() == null) {
            answer.trace(root);
        }
    }

    /** The promise this turn settles, or null if it answers no one. */
    Promise<?> answer() {
        return null;
    }
}
