package dev.erg.net;

import dev.erg.crypto.VatId;
import java.util.List;

/**
 * Where a vat that a {@link Listener} does not host lives now, so that a dialer asking the
 * listener for it can be redirected there (spec section 2). A redirect is only a hint: the
 * dialer still accepts only the vat's own key wherever it is sent.
 *
 * <p>The listener asks on an I/O thread during a TLS handshake, so a locator answers from
 * memory at once (a cache of the cluster's directory, say), never by a query that may block.
 */
@FunctionalInterface
public interface VatLocator {

    /**
     * The location hints of {@code vat}, {@code host:port}, in the order to try; empty if this
     * locator does not know where it lives, and the dialer is then told the server does not
     * host it. At most 16 are sent.
     */
    List<String> locate(VatId vat);

    /** A locator that knows of no vat: a listener with it redirects no one. */
    static VatLocator none() {
        return vat -> List.of();
    }
}
