package dev.erg.samples.logship;

import dev.erg.vat.Problem;

/**
 * How the log-shipping sample ended.
 *
 * @param morningBytes   the size of the log when shipping began (the morning's orders)
 * @param logBytes       the size of the log at the end of the day
 * @param storedAtCut    what the archive held when it was restarted
 * @param firstShipment  how the shipment under way then broke
 * @param resumedFrom    where the second shipment began: what the archive held after its restart
 * @param storedAtEnd    what the archive held at the end
 * @param sameBytes      whether the archive's copy has the log's SHA-256
 */
public record ShipReport(long morningBytes, long logBytes, long storedAtCut, Problem firstShipment, long resumedFrom,
                         long storedAtEnd, boolean sameBytes) {
}
