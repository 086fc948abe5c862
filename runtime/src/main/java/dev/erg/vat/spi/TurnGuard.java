package dev.erg.vat.spi;

import dev.erg.vat.Problem;

/**
 * Code that runs around every turn of one vat, on the vat's thread, and sees the messages it
 * sends and is sent: how a host meters a vat, bounds its messages and sees what its turns
 * threw. Installed with {@link Vats#guard}; ordinary vats have none and pay nothing for the
 * possibility.
 */
public interface TurnGuard {

    /** Called before each turn of the guarded vat. */
    void beforeTurn();

    /**
     * Called after each turn of the guarded vat, with what application code threw in it and
     * the runtime caught (an exception of a method or callback, a {@link StackOverflowError},
     * an {@link OutOfMemoryError}), or null if it threw nothing.
     *
     * @return why the vat must stop (it is then {@linkplain Vats#terminate terminated}), or
     *         null to let it go on
     */
    String afterTurn(Throwable thrown);

    /**
     * Called on the sender's thread before an eventual send to an object of the guarded vat is
     * queued there; the guard counts the messages it admits until {@link #delivering} sees
     * them leave the queue.
     *
     * @return the problem the message's answer breaks with instead of queueing it, or null to
     *         queue it
     */
    default Problem admit() {
        return null;
    }

    /** Called on the vat's thread as a message it {@linkplain #admit admitted} is taken from its queue to run. */
    default void delivering() {
    }

    /**
     * Called in a turn of the guarded vat each time its code makes an eventual send. Throws to
     * stop the send; the exception reaches the code that sent.
     */
    default void sending() {
    }
}
