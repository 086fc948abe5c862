package dev.erg.server.cluster;

import java.util.List;

/**
 * One row of the membership, as read at one moment by the database's clock.
 *
 * @param serverId        the member's id: its host vat's id
 * @param hints           where it is reached, as {@code host:port}
 * @param state           where it is in its life
 * @param joinedAt        when it joined, in milliseconds since the epoch by the database's clock
 * @param heartbeatAt     when it last renewed its lease, likewise
 * @param leaseLeftMillis how long its lease holds still; 0 or less once it is dead
 * @param load            the load it posted last
 * @param price           the price it asks
 */
public record Member(String serverId, List<String> hints, MemberState state, long joinedAt, long heartbeatAt,
                     long leaseLeftMillis, Load load, double price) {

    /** Copies the hints. */
    public Member {
        hints = List.copyOf(hints);
    }

    /** Whether its lease held when it was read. */
    public boolean live() {
        return leaseLeftMillis > 0;
    }
}
