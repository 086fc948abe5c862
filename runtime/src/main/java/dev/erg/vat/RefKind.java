package dev.erg.vat;

/** What a reference is at the moment it is inspected; see {@link Ref#kind}. */
@Passable("erg.RefKind")
public enum RefKind {
    /** A plain object (or data) usable by immediate calls in the current vat. */
    NEAR,
    /** A reference to an object in another vat (or another JVM): eventual sends only. */
    EVENTUAL,
    /** A promise that is not settled yet; sends to it are queued (pipelined). */
    PROMISE,
    /** A reference that will never work again; it carries a {@link Problem}. */
    BROKEN
}
