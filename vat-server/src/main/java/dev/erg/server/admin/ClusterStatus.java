package dev.erg.server.admin;

import dev.erg.vat.Passable;
import java.util.List;

/**
 * The cluster a server is a member of, as its database shows it now.
 *
 * @param serverId this server's id in the cluster
 * @param members  every member, dead ones included, by id
 * @param vats     every placed vat, by id
 */
@Passable("erg.server.ClusterStatus")
public record ClusterStatus(String serverId, List<MemberListing> members, List<VatPlacement> vats) {
}
