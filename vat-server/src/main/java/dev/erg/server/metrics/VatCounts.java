package dev.erg.server.metrics;

/**
 * The counts of one tracked vat at a moment.
 *
 * @param vat        the vat's label
 * @param queueDepth turns queued for it and not yet finished, the one running included
 * @param messages   eventual sends delivered to it so far
 */
public record VatCounts(String vat, long queueDepth, long messages) {
}
