package dev.erg.server.admin;

import dev.erg.vat.Passable;

/**
 * Where a cluster's directory places one vat.
 *
 * @param vatId    the vat
 * @param serverId the member that serves it
 * @param epoch    its epoch, raised at each placement, move and takeover
 * @param state    placed or moving
 * @param service  the configured service it runs
 * @param target   the member it is being moved to; empty unless it is moving
 * @param load     the turns per second its server last posted for it
 */
@Passable("erg.server.VatPlacement")
public record VatPlacement(String vatId, String serverId, long epoch, String state, String service, String target,
                           double load) {
}
