package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import java.util.List;

/**
 * Where the directory says a vat lives.
 *
 * @param vat      the placed vat
 * @param service  the configured service its host runs in it
 * @param serverId the id of the member that serves it
 * @param epoch    its epoch: raised by every placement, move and takeover, with its durable state's
 * @param hints    where that member is reached, as {@code host:port}
 * @param state    whether it is served or being moved
 * @param target   the member it is being moved to; empty unless it is {@link VatState#MOVING moving}
 * @param load     the turns per second its server last posted for it
 */
public record Placement(VatId vat, String service, String serverId, long epoch, List<String> hints, VatState state,
                        String target, double load) {

    /** Copies the hints. */
    public Placement {
        hints = List.copyOf(hints);
    }
}
