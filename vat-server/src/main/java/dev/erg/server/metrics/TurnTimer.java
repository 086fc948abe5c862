package dev.erg.server.metrics;

/**
 * Told the time of each turn of a vat {@link ServerMetrics} tracks, on the vat's thread: it
 * must be quick, must not block and must not throw.
 */
@FunctionalInterface
public interface TurnTimer {

    /** A turn of the vat labelled {@code vat} took {@code nanos}. */
    void ran(String vat, long nanos);
}
