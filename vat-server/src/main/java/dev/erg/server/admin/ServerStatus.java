package dev.erg.server.admin;

import dev.erg.vat.Passable;
import java.util.List;

/**
 * What a running server is doing.
 *
 * @param vatId         the server's vat id
 * @param address       where it listens, as host:port
 * @param uptimeSeconds seconds since it started
 * @param sessions      live CapTP sessions, one per peer vat
 * @param messagesSent  messages sent to peers since the start
 * @param vats          the hosted vats, in configuration order
 */
@Passable("erg.server.ServerStatus")
public record ServerStatus(String vatId, String address, long uptimeSeconds, long sessions, long messagesSent,
                           List<VatStatus> vats) {
}
