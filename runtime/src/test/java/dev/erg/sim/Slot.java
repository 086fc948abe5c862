package dev.erg.sim;

/**
 * One reference an actor holds: its own id, what the simulation knows it designates (an
 * actor's id, or a deferred's id while that deferred is unresolved), the reference itself,
 * whether it was handed to the actor (rather than made by it, or asked for), and the sequence
 * number of the next message sent through it, for E-order.
 */
final class Slot {
    final long id;
    final long designates;
    final Actor ref;
    final boolean handed;
    long nextSeq;

    Slot(long id, long designates, Actor ref, boolean handed) {
        this.id = id;
        this.designates = designates;
        this.ref = ref;
        this.handed = handed;
    }
}
