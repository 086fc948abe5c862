package dev.erg.sim;

import dev.erg.vat.Promise;

/**
 * What every object of a simulated cluster offers. Each message carries the id of the send,
 * by which the {@link Ledger} knows who sent it, through which reference, and what it expects.
 */
public interface Actor {

    /** A plain call: answers {@code send}. */
    Promise<Long> call(long send);

    /** Makes a new actor, known to the simulation as {@code child}, in the receiver's host. */
    Promise<Actor> make(long send, long child);

    /** Keeps {@code ref}, which designates {@code designates}, for later use; answers {@code send}. */
    Promise<Long> keep(long send, Actor ref, long designates);
}
