package dev.erg.ocapn.session;

import dev.erg.captp.session.Session;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.vat.Vat;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.util.Objects;

/**
 * What one node brings to each of its OCapN connections.
 *
 * @param vat        runs the sessions' own turns
 * @param bootstrap  what peers find at export position 0, an eventual reference whose
 *                   {@code fetch} takes a swiss number ({@link OcapnBootstrap})
 * @param location   where this node says, in its start-sessions, that it can be reached
 * @param limits     bound every operation read and written
 * @param maxEntries bounds the answers and imports a peer may make a session hold
 *                   ({@link Session#DEFAULT_MAX_ENTRIES} by default)
 * @param handoffs   the node's three-party handoffs, or null for sessions that neither pass
 *                   references to third nodes nor take them
 * @param registry   the records and enums messages may carry, as tagged values
 */
public record Endpoint(Vat vat, Object bootstrap, PeerLocator location, WireLimits limits, int maxEntries,
                       OcapnHandoffs handoffs, PassableRegistry registry) {

    public Endpoint {
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(limits, "limits");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
        }
    }

    /** An endpoint whose sessions take part in no three-party handoffs and pass no registered records or enums. */
    public Endpoint(Vat vat, Object bootstrap, PeerLocator location, WireLimits limits, int maxEntries) {
        this(vat, bootstrap, location, limits, maxEntries, null, PassableRegistry.empty());
    }
}
