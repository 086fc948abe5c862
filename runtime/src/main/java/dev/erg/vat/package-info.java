/**
 * Vats, promises and eventual references: the programming model of Erg.
 *
 * <p>A {@link dev.erg.vat.VatRuntime} runs {@link dev.erg.vat.Vat}s, single-threaded event
 * loops that share a few threads. An object lives in one vat; {@link dev.erg.vat.Vat#export}
 * gives other vats an eventual reference to it, an instance of its remote interface (an
 * interface whose methods return {@link dev.erg.vat.Promise} or {@code void}). A call on an
 * eventual reference is queued for the object's vat and returns a promise at once; the answer
 * arrives in a later turn of the caller. Records and enums annotated
 * {@link dev.erg.vat.Passable} cross vats by copy; anything else crosses by reference.
 *
 * {@snippet class=dev.erg.vat.ApiExamplesTest region="eventual-send"}
 *
 * <p>A promise is settled by its {@link dev.erg.vat.Resolver}, which
 * {@link dev.erg.vat.Promise#defer} hands out in a {@link dev.erg.vat.Deferred}; failures are
 * broken promises carrying a {@link dev.erg.vat.Problem}.
 *
 * {@snippet class=dev.erg.vat.ApiExamplesTest region="deferred"}
 *
 * <p>{@link dev.erg.vat.Ref} tells what a reference is now ({@link dev.erg.vat.RefKind}) and
 * why it broke. {@link dev.erg.vat.DeterministicScheduler} runs vats on the calling thread,
 * in an order fixed by a seed, for tests.
 *
 * <p>A {@link dev.erg.vat.Caretaker} hands out a revocable reference to one object, and a
 * {@link dev.erg.vat.Membrane} wraps everything passed through it, for cutting off a whole
 * relationship at once; both live in a vat of their own, which revoking shuts down, so every
 * reference through them breaks with a {@value dev.erg.vat.Problem#REVOKED} problem.
 */
package dev.erg.vat;
