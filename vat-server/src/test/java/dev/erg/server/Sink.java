package dev.erg.server;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/**
 * A test service that receives numbered messages by durable send: see {@link SinkMaker}.
 * Messages that arrive once each and in order are numbered 1, 2, 3…
 */
public interface Sink {

    /** What a sink has received. */
    @Passable("erg.test.SinkReport")
    record Report(long count, long last, long misordered) {
    }

    /** Counts message {@code n}; answers how many messages it has counted, this one included. */
    Promise<Long> record(long n);

    /**
     * How many messages it has counted, the last number, and how many numbers were not one
     * more than the number before.
     */
    Promise<Report> report();
}
