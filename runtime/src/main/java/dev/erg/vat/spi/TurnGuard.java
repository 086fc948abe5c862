package dev.erg.vat.spi;

/**
 * Code that runs around every turn of one vat, on the vat's thread: how a host meters a vat
 * and sees what its turns threw. Installed with {@link Vats#guard}; ordinary vats have none
 * and pay nothing for the possibility.
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
}
