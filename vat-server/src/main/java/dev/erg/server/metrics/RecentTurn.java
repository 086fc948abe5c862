package dev.erg.server.metrics;

/**
 * One of a vat's recent turns.
 *
 * @param number    the turn's number, counting from 1 at the vat's first metered turn
 * @param agoMillis how long ago it ended, in milliseconds
 * @param micros    how long it took, in microseconds
 */
public record RecentTurn(long number, long agoMillis, long micros) {
}
