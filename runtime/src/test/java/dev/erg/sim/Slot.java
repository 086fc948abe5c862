package dev.erg.sim;

/**
 * One reference an actor holds: its own id, what the simulation knows it designates (an
 * actor's id, or a deferred's id while that deferred is unresolved), the reference itself,
 * and the sequence number of the next message sent through it, for E-order.
 */
final class Slot {
    final long id;
    final long designates;
    final Actor ref;
    long nextSeq;

    Slot(long id, long designates, Actor ref) {
        this.id = id;
        this.designates = designates;
        this.ref = ref;
    }
}
