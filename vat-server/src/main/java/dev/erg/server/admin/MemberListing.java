package dev.erg.server.admin;

import dev.erg.vat.Passable;
import java.util.List;

/**
 * One member of a cluster.
 *
 * @param serverId        its id: its host vat's id
 * @param hints           where it is reached, as host:port
 * @param state           joining, active or leaving
 * @param leaseLeftMillis how long its lease holds still; 0 or less once it is dead
 * @param turnsPerSecond  turns its vats ran per second lately
 * @param cpuShare        its process's share of its machine's processors lately, from 0 to 1
 * @param vatCount        the vats it runs
 * @param price           the price it asks
 */
@Passable("erg.server.MemberListing")
public record MemberListing(String serverId, List<String> hints, String state, long leaseLeftMillis, double turnsPerSecond,
                            double cpuShare, long vatCount, double price) {
}
