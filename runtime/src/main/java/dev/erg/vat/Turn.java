package dev.erg.vat;

/**
 * One unit of work queued on a vat: it runs alone, to completion, on the vat's event loop.
 * Turns form an intrusive list ({@link #next}) so that queueing allocates nothing.
 */
abstract sealed class Turn permits Delivery, Callback, Task {

    /** Link in the vat's queue; written before publication, read by the vat's loop only. */
    Turn next;

    /** Runs the turn on its vat's loop. */
    abstract void run(Vat vat);

    /** Called instead of {@link #run} when the vat is shut down before the turn could run. */
    abstract void cancel(Problem why);
}
