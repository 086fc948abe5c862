package dev.erg.samples.logship;

/**
 * How the durable shipment went.
 *
 * @param recorded        orders Shop Inc. recorded in the day
 * @param linesAtCut      lines the journal held when Audit Ltd.'s server was killed
 * @param writtenWhileDown orders the log had written to the stream, in all, while the journal was down
 * @param linesAtShopKill lines the journal held when Shop Inc.'s server was killed
 * @param journal         what the journal held at the end
 * @param sameLines       whether the journal's chain is that of the log's lines, each once and in order
 */
public record DurableShipReport(long recorded, long linesAtCut, long writtenWhileDown, long linesAtShopKill,
                                Journal.Report journal, boolean sameLines) {
}
