package dev.erg.ocapn.captp;

import dev.erg.vat.Passable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An OCapN node locator, {@code <ocapn-node designator transport hints>}: which netlayer
 * ({@code transport}, e.g. {@code tcp-testing-only}) reaches which node ({@code designator},
 * usually a key) with what extra connection data ({@code hints}, e.g. {@code host} and
 * {@code port}). Two locators name the same node when designator and transport match.
 */
@Passable("ocapn.Node")
public record PeerLocator(String designator, String transport, Map<String, String> hints) {

    public PeerLocator {
        Objects.requireNonNull(designator, "designator");
        if (transport.isEmpty() || transport.contains(".")) {
            throw new IllegalArgumentException("transport '" + transport + "' (expected: a name without '.')");
        }
        hints = Collections.unmodifiableMap(new TreeMap<>(hints));
    }

    /** Whether {@code other} names the same node, whatever its hints. */
    public boolean sameNode(PeerLocator other) {
        return designator.equals(other.designator) && transport.equals(other.transport);
    }
}
