package dev.erg.vat;

/**
 * Told about the turns of every vat of a {@link VatRuntime}, for metrics: a runtime built
 * with {@link VatRuntime.Builder#observer} calls it; one built without calls nothing and pays
 * nothing. Its methods are called on the runtime's own threads, on the hot path of every
 * turn, so they must be quick, must not block, and must not throw.
 */
public interface VatObserver {

    /**
     * A turn was queued for {@code vat}, on the queuing thread: an eventual send delivered to
     * one of its objects ({@code message}), or a callback or task.
     */
    void queued(Vat vat, boolean message);

    /** A turn of {@code vat} ran to completion (or threw) in {@code nanos}, on the vat's thread. */
    void ran(Vat vat, long nanos);
}
