package dev.erg.samples.logship;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/**
 * Shop Inc.'s order log as a durable object: each order it records is a line of the log, which
 * it streams to an auditor's {@link Journal} through a durable stream.
 */
public interface OrderLog {

    /**
     * How the log stands.
     *
     * @param recorded    orders recorded
     * @param written     orders written to the stream
     * @param consumed    orders the journal has consumed, as far as the log has heard
     * @param fullWindows times the stream's window was full
     * @param ended       whether the stream is over
     * @param problem     why it broke, or empty
     */
    @Passable("erg.samples.logship.OrderLogReport")
    record Report(long recorded, long written, long consumed, long fullWindows, boolean ended, String problem) {
    }

    /** Streams the log, from its first order, to the journal the sturdy ref {@code journalRef} designates. */
    Promise<Boolean> shipTo(String journalRef);

    /** Records the next {@code count} orders; answers how many it holds. */
    Promise<Long> record(long count);

    /** Ends the day: the stream closes once every order recorded is written. */
    Promise<Boolean> closeDay();

    Promise<Report> report();
}
