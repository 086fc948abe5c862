package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One server's membership of the cluster: its row in {@code erg_cluster.members}, holding a
 * lease measured by the database's clock that each {@link #heartbeat} renews, with the load
 * and price it posts. A member whose lease has expired is dead for every member at the same
 * moment, since one clock decides; it cannot renew its lease again and must join anew, with a
 * new <em>incarnation</em> that tells its row from the dead one's.
 *
 * <p>Joining also checks the member's cluster key against the cluster's: the first member
 * seals a known text in the {@code meta} table, and a member whose key does not open it is
 * refused before it touches anything.
 */
public final class Membership {

    private static final String MEMBERS = ClusterStore.SCHEMA + ".members";
    private static final String NOW = ClusterStore.NOW;
    private static final String KEY_CHECK = "key_check";
    private static final byte[] KEY_CHECK_TEXT = "erg cluster key check".getBytes(StandardCharsets.US_ASCII);

    private final ClusterStore store;
    private final String serverId;
    private final String incarnation;
    private final long leaseMillis;

    private Membership(ClusterStore store, String serverId, String incarnation, long leaseMillis) {
        this.store = store;
        this.serverId = serverId;
        this.incarnation = incarnation;
        this.leaseMillis = leaseMillis;
    }

    /**
     * Joins the cluster of {@code store} as server {@code serverId}, reached at {@code hints},
     * in state {@link MemberState#JOINING}, with a lease of {@code lease}.
     *
     * @throws LiveMemberException if a member of that id still holds a lease
     * @throws ClusterException    if {@code key} is not the cluster's key, or the store fails
     */
    public static Membership join(ClusterStore store, ClusterKey key, VatId serverId, List<String> hints, Duration lease,
                                  Load load, double price) {
        Objects.requireNonNull(load, "load");
        String hintText = Hints.join(hints);
        checkKey(store, key);
        byte[] token = new byte[8];
        new SecureRandom().nextBytes(token);
        Membership member = new Membership(store, serverId.toString(), HexFormat.of().formatHex(token), lease.toMillis());
        store.transaction("join the cluster", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT lease_until - " + NOW + " FROM " + MEMBERS
                    + " WHERE server_id = ? FOR UPDATE")) {
                ps.setString(1, member.serverId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        long left = rs.getLong(1);
                        throw new LiveMemberException("server " + member.serverId + " is a live member of the cluster"
                                + " already, its lease running " + left + " ms more: another process has this server's"
                                + " identity, or this one ended without leaving", left);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + MEMBERS + " (server_id, incarnation, hints,"
                    + " state, joined_at, heartbeat_at, lease_until, turns_per_second, cpu_share, vat_count, price)"
                    + " VALUES (?, ?, ?, ?, " + NOW + ", " + NOW + ", " + NOW + " + ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (server_id) DO UPDATE SET incarnation = EXCLUDED.incarnation, hints = EXCLUDED.hints,"
                    + " state = EXCLUDED.state, joined_at = EXCLUDED.joined_at, heartbeat_at = EXCLUDED.heartbeat_at,"
                    + " lease_until = EXCLUDED.lease_until, turns_per_second = EXCLUDED.turns_per_second,"
                    + " cpu_share = EXCLUDED.cpu_share, vat_count = EXCLUDED.vat_count, price = EXCLUDED.price")) {
                ps.setString(1, member.serverId);
                ps.setString(2, member.incarnation);
                ps.setString(3, hintText);
                ps.setString(4, MemberState.JOINING.text());
                ps.setLong(5, member.leaseMillis);
                ps.setDouble(6, load.turnsPerSecond());
                ps.setDouble(7, load.cpuShare());
                ps.setInt(8, load.vatCount());
                ps.setDouble(9, price);
                ps.executeUpdate();
            }
            return null;
        });
        return member;
    }

    /** Seals the check text with the first member's key, or checks that {@code key} opens it. */
    private static void checkKey(ClusterStore store, ClusterKey key) {
        String sealed = store.transaction("check the cluster key", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ClusterStore.SCHEMA + ".meta (name, value)"
                    + " VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, KEY_CHECK);
                ps.setString(2, Base64.getEncoder().encodeToString(key.seal(KEY_CHECK_TEXT, KEY_CHECK)));
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT value FROM " + ClusterStore.SCHEMA + ".meta WHERE name = '"
                         + KEY_CHECK + "'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        byte[] opened;
        try {
            opened = key.open(Base64.getDecoder().decode(sealed), KEY_CHECK, "the cluster's key check");
        } catch (IllegalArgumentException e) {
            throw new ClusterException("the cluster's key check in " + ClusterStore.SCHEMA + ".meta is damaged");
        } catch (ClusterException e) {
            throw new ClusterException("this server's cluster key is not the cluster's: the key check the first member"
                    + " wrote does not open with it; give every member the same cluster key (cluster.key.file or "
                    + "ERG_CLUSTER_KEY)");
        }
        if (!Arrays.equals(opened, KEY_CHECK_TEXT)) {
            throw new ClusterException("the cluster's key check in " + ClusterStore.SCHEMA + ".meta is damaged");
        }
    }

    /** This member's id: its host vat's id. */
    public String serverId() {
        return serverId;
    }

    /**
     * Renews the lease and posts {@code load} and {@code price}.
     *
     * @throws LeaseLostException if the lease had expired: the member is dead and must join again
     */
    public void heartbeat(Load load, double price) {
        renew(null, load, price);
    }

    /** Renews the lease in state {@link MemberState#ACTIVE}: the member may be given vats. */
    public void activate(Load load, double price) {
        renew(MemberState.ACTIVE, load, price);
    }

    /** Renews the lease in state {@link MemberState#LEAVING}: the member is given no more vats. */
    public void leave(Load load, double price) {
        renew(MemberState.LEAVING, load, price);
    }

    private void renew(MemberState state, Load load, double price) {
        int renewed = store.transaction("renew the lease of server " + serverId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + MEMBERS + " SET heartbeat_at = " + NOW
                    + ", lease_until = " + NOW + " + ?, turns_per_second = ?, cpu_share = ?, vat_count = ?, price = ?"
                    + (state == null ? "" : ", state = ?")
                    + " WHERE server_id = ? AND incarnation = ? AND lease_until > " + NOW)) {
                int i = 1;
                ps.setLong(i++, leaseMillis);
                ps.setDouble(i++, load.turnsPerSecond());
                ps.setDouble(i++, load.cpuShare());
                ps.setInt(i++, load.vatCount());
                ps.setDouble(i++, price);
                if (state != null) {
                    ps.setString(i++, state.text());
                }
                ps.setString(i++, serverId);
                ps.setString(i, incarnation);
                return ps.executeUpdate();
            }
        });
        if (renewed != 1) {
            throw new LeaseLostException("the cluster lease of server " + serverId + " expired before it was renewed"
                    + " (by the database's clock): the other members count it dead and may have taken its vats;"
                    + " it must join again");
        }
    }

    /** Ends the membership at once: the row goes, and the member's vats may be taken. Does nothing if it was dead. */
    public void depart() {
        store.transaction("depart from the cluster", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + MEMBERS
                    + " WHERE server_id = ? AND incarnation = ?")) {
                ps.setString(1, serverId);
                ps.setString(2, incarnation);
                return ps.executeUpdate();
            }
        });
    }

    /** Every member of the cluster of {@code store}, dead ones included, by id. */
    public static List<Member> all(ClusterStore store) {
        return store.transaction("list the members", c -> read(c, ""));
    }

    /** The members of the cluster of {@code store} whose lease holds now, by id. */
    public static List<Member> live(ClusterStore store) {
        return store.transaction("list the live members", c -> read(c, " WHERE lease_until > " + NOW));
    }

    /** The members, read in the open transaction of {@code c}, filtered by {@code where}. */
    static List<Member> read(Connection c, String where) throws SQLException {
        List<Member> members = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT server_id, hints, state, joined_at, heartbeat_at, lease_until - " + NOW
                     + ", turns_per_second, cpu_share, vat_count, price FROM " + MEMBERS + where + " ORDER BY server_id")) {
            while (rs.next()) {
                members.add(new Member(rs.getString(1), Hints.split(rs.getString(2)), MemberState.of(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), new Load(rs.getDouble(7), rs.getDouble(8), rs.getInt(9)),
                        rs.getDouble(10)));
            }
        }
        return members;
    }
}
