package dev.erg.server.durable;

/** The numbers an engine hands out and keeps in the store: the next ticket, the next object, the turns committed ever. */
final class EngineCounters {

    private final JdbcStore store;
    // Confined to the engine's thread.
    private long nextTicket;
    private long nextObject;
    /** Turns committed ever; written by the engine's thread, read by any. */
    private volatile long turnsThrough;

    EngineCounters(JdbcStore store) {
        this.store = store;
    }

    /** Reads the counters from the store, at start and after a failed commit. */
    void load() {
        nextTicket = store.metaLong("next_ticket");
        nextObject = store.metaLong("next_object");
        // Stores made before the count have none: they count from 0. A batch in doubt that landed raises it.
        turnsThrough = Math.max(turnsThrough, store.metaLong("turns", 0));
    }

    long nextTicket() {
        return nextTicket++;
    }

    long nextObject() {
        return nextObject++;
    }

    long turnsThrough() {
        return turnsThrough;
    }

    /** {@code batch}, carrying the next ticket and object numbers and the turns committed for the store to keep. */
    Batch numbered(Batch batch) {
        batch.nextTicket = nextTicket;
        batch.nextObject = nextObject;
        batch.turnsThrough = turnsThrough + batch.turns;
        return batch;
    }

    /** Counts the turns of {@code batch}, now committed. */
    void committed(Batch batch) {
        turnsThrough = batch.turnsThrough;
    }
}
