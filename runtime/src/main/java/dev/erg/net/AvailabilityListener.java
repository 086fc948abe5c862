package dev.erg.net;

/**
 * Told when a watched vat is reachable (Joule's {@code Available}); see {@link Node#watch}.
 * Hand the node an eventual reference to one, so that it runs in its own vat.
 */
public interface AvailabilityListener {

    /** The vat is reachable: a fresh {@link Node#connect} will now succeed unless it goes away again. */
    void available();
}
