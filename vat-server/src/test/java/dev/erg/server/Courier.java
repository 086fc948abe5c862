package dev.erg.server;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/**
 * A test service that sends numbered messages to a {@link Sink} by durable send and checks
 * their answers: see {@link CourierMaker}.
 */
public interface Courier {

    /**
     * What a courier has sent and been answered.
     *
     * @param sent     messages sent, numbered from 1
     * @param answered answers received
     * @param wrong    answers that broke, came out of ticket order, or did not say that the
     *                 sink had counted exactly as many messages as the courier had been answered
     * @param problem  what was wrong with the first such answer, or empty
     */
    @Passable("erg.test.CourierReport")
    record Report(long sent, long answered, long wrong, String problem) {
    }

    /** Sends from now on to the sink {@code sturdyRef} designates. */
    Promise<Boolean> aim(String sturdyRef);

    /** Sends the next {@code count} numbers to the sink, each as {@code record(n)}; answers how many it has sent. */
    Promise<Long> send(long count);

    /** What it has sent and been answered. */
    Promise<Report> report();
}
