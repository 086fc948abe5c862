package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import java.util.List;
import java.util.Optional;

/**
 * Where a vat is reached, for a listener asked for a vat it does not host: the hints of the
 * {@code erg-moved/1} redirect. What it answers is a hint, never trusted: the dialer still pins
 * the vat's key.
 */
@FunctionalInterface
public interface Locator {

    /** The location hints of the member serving {@code vat}; empty if the directory does not know it. */
    Optional<List<String>> hints(VatId vat);
}
