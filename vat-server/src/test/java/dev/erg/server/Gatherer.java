package dev.erg.server;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/** A test service that receives durable streams of numbered entries: see {@link GathererMaker}. */
public interface Gatherer {

    /**
     * What a gatherer has received.
     *
     * @param opened     streams opened to it
     * @param topic      the last stream's topic
     * @param entries    entries received
     * @param last       the number of the last entry
     * @param misordered entries whose number or item number was not one more than the one before
     * @param end        how the last stream ended, as {@code closed COUNT VALUE} or
     *                   {@code failed COUNT REASON}; empty while it goes on
     */
    @Passable("erg.test.GathererReport")
    record Report(long opened, String topic, long entries, long last, long misordered, String end) {
    }

    /** Refuses the item numbered {@code seq} when it comes, as a receiver whose code throws. */
    Promise<Boolean> refuseItem(long seq);

    Promise<Report> report();
}
