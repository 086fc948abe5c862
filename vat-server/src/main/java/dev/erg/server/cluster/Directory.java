package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's directory, {@code erg_cluster.directory}: for each placed vat, the member that
 * serves it, its epoch, that member's location hints, whether it is being moved, and its
 * private key sealed under the cluster key.
 *
 * <p><b>Epochs.</b> A vat's durable state keeps its own epoch in its {@code owner} row, which
 * every start of a durable store raises and every commit is guarded by ({@code Ownership}).
 * The directory's epoch is not a second, independent counter: each placement, move and
 * takeover raises it in the same transaction as the owner row's, both to one number above
 * either ({@link Fence}), and ends the owner row's lease. So the server that held the vat
 * before is fenced the moment the directory names another: its next commit matches no row.
 * The new server's durable store then claims the vat as any start does, raising the owner
 * row's epoch once more; the owner row's epoch is therefore at least the directory's, and
 * equal to it between a takeover and the new server's claim. The directory's epoch orders
 * the vat's placements (the compare-and-set of {@link #move}); the owner row's fences commits.
 *
 * <p>Every change is one transaction on the directory row, locked first, so two members
 * changing one vat at once change it one after the other, the second seeing the first's work.
 */
public final class Directory implements Locator {

    private static final String DIRECTORY = ClusterStore.SCHEMA + ".directory";
    private static final String MEMBERS = ClusterStore.SCHEMA + ".members";
    private static final String NOW = ClusterStore.NOW;

    private final ClusterStore store;
    private final ClusterKey key;

    /** The directory in {@code store}, whose vats' keys are sealed under {@code key}. */
    public Directory(ClusterStore store, ClusterKey key) {
        this.store = store;
        this.key = key;
    }

    /**
     * Places {@code vat}, running {@code service}, whose private key is {@code privateKey} (its
     * key file's bytes), on the live member {@code serverId}, at the member's hints, with a new epoch.
     *
     * @throws ClusterException if the vat is placed already, or the member is not live
     */
    public Placement place(VatId vat, String service, String serverId, byte[] privateKey) {
        byte[] sealed = key.seal(privateKey, context(vat));
        return store.transaction("place vat " + vat, c -> {
            Optional<Placement> existing = read(c, vat, true);
            if (existing.isPresent()) {
                throw new ClusterException("vat " + vat + " is placed already, on server " + existing.get().serverId()
                        + " at epoch " + existing.get().epoch());
            }
            Member member = liveMember(c, serverId);
            long epoch = Fence.raise(c, vat, 0, serverId);
            Placement placed = new Placement(vat, service, serverId, epoch, member.hints(), VatState.PLACED, "", 0);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + DIRECTORY
                    + " (vat_id, server_id, epoch, hints, state, sealed_key, service) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, vat.toString());
                ps.setString(2, serverId);
                ps.setLong(3, epoch);
                ps.setString(4, Hints.join(placed.hints()));
                ps.setString(5, VatState.PLACED.text());
                ps.setBytes(6, sealed);
                ps.setString(7, service);
                ps.executeUpdate();
            }
            return placed;
        });
    }

    /** Where {@code vat} lives, if it is placed. */
    public Optional<Placement> lookup(VatId vat) {
        return store.transaction("look up vat " + vat, c -> read(c, vat, false));
    }

    @Override
    public Optional<List<String>> hints(VatId vat) {
        return lookup(vat).map(Placement::hints);
    }

    /** Every placed vat, by id. */
    public List<Placement> all() {
        return store.transaction("list the directory", c -> {
            List<Placement> all = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT vat_id, server_id, epoch, hints, state, service, target, load FROM " + DIRECTORY
                         + " ORDER BY vat_id")) {
                while (rs.next()) {
                    all.add(placement(VatId.parse(rs.getString(1)), rs));
                }
            }
            return all;
        });
    }

    /**
     * The private key of {@code vat}, opened with this member's cluster key.
     *
     * @throws ClusterException if the vat is not placed, or its key does not open with the cluster key
     */
    public byte[] privateKey(VatId vat) {
        byte[] sealed = store.transaction("read the key of vat " + vat, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sealed_key FROM " + DIRECTORY + " WHERE vat_id = ?")) {
                ps.setString(1, vat.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
        if (sealed == null) {
            throw new ClusterException("vat " + vat + " is not placed in the cluster's directory");
        }
        return key.open(sealed, context(vat), "the sealed private key of vat " + vat);
    }

    /**
     * Marks {@code vat}, read at {@code epoch}, as being moved to the live active member
     * {@code target}: its server, seeing it at its next look, stops taking turns for it, then
     * hands it over with {@link #move}. The epoch stays, since the vat has not changed hands yet.
     *
     * @throws EpochConflictException if its epoch is no longer {@code epoch}
     * @throws ClusterException       if it is being moved already, the target is where it is, or is not live and active
     */
    public Placement beginMove(VatId vat, long epoch, String target) {
        return store.transaction("begin moving vat " + vat, c -> {
            Placement now = current(c, vat, epoch);
            if (now.state() == VatState.MOVING) {
                throw new ClusterException("vat " + vat + " is being moved already, to server " + now.target());
            }
            if (now.serverId().equals(target)) {
                throw new ClusterException("vat " + vat + " is on server " + target + " already");
            }
            activeMember(c, target);
            setState(c, vat, VatState.MOVING, target);
            return new Placement(vat, now.service(), now.serverId(), epoch, now.hints(), VatState.MOVING, target,
                    now.load());
        });
    }

    /**
     * Gives up moving {@code vat}, read at {@code epoch}: it stays where it is, and its server
     * serves it again. Answers whether it was being moved at that epoch.
     */
    public boolean cancelMove(VatId vat, long epoch) {
        return store.transaction("cancel moving vat " + vat, c -> {
            Optional<Placement> now = read(c, vat, true);
            if (now.isEmpty() || now.get().epoch() != epoch || now.get().state() != VatState.MOVING) {
                return false;
            }
            setState(c, vat, VatState.PLACED, "");
            return true;
        });
    }

    /**
     * Posts the turns per second member {@code serverId} measured for each of {@code loads}'
     * vats, for placement to read; a vat it no longer serves is left alone.
     */
    public void postLoads(String serverId, Map<VatId, Double> loads) {
        if (loads.isEmpty()) {
            return;
        }
        store.transaction("post the loads of server " + serverId + "'s vats", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + DIRECTORY + " SET load = ? WHERE vat_id = ?"
                    + " AND server_id = ?")) {
                for (Map.Entry<VatId, Double> e : loads.entrySet()) {
                    ps.setDouble(1, e.getValue());
                    ps.setString(2, e.getKey().toString());
                    ps.setString(3, serverId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Records that member {@code serverId} runs {@code vat}, placed on it at {@code epoch}; a
     * report for a placement that is no longer the vat's changes nothing.
     */
    public void reportRunning(VatId vat, long epoch, String serverId) {
        store.transaction("report vat " + vat + " running", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + DIRECTORY + " SET running_epoch = ?"
                    + " WHERE vat_id = ? AND server_id = ? AND epoch = ?")) {
                ps.setLong(1, epoch);
                ps.setString(2, vat.toString());
                ps.setString(3, serverId);
                ps.setLong(4, epoch);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether the member the directory places {@code vat} on has reported it running there, at its present epoch. */
    public boolean running(VatId vat) {
        return store.transaction("ask whether vat " + vat + " runs", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT running_epoch = epoch FROM " + DIRECTORY
                    + " WHERE vat_id = ?")) {
                ps.setString(1, vat.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * Moves {@code vat}, read at {@code epoch}, to the live active member {@code serverId}, in one
     * transaction that raises its epoch and fences its durable state (see the class comment).
     *
     * @throws EpochConflictException if its epoch is no longer {@code epoch}: someone moved it meanwhile
     * @throws ClusterException       if the member is not live and active
     */
    public Placement move(VatId vat, long epoch, String serverId) {
        return store.transaction("move vat " + vat, c -> {
            Placement now = current(c, vat, epoch);
            return assign(c, now, activeMember(c, serverId));
        });
    }

    /**
     * Takes every vat whose member's lease has expired (or that has left) and gives it to a live
     * active member chosen by {@code successor}, each vat in a transaction of its own that raises
     * its epoch and fences its durable state; answers the vats this call took. Several members may
     * call this at the same moment: each vat is taken once, by whichever locks its row first, and
     * the others find it live and leave it.
     */
    public List<Placement> takeOver(Successor successor) {
        List<VatId> orphans = store.transaction("find the vats of dead members", c -> {
            List<VatId> found = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT d.vat_id FROM " + DIRECTORY + " d LEFT JOIN " + MEMBERS
                         + " m ON m.server_id = d.server_id WHERE m.server_id IS NULL OR m.lease_until <= " + NOW
                         + " ORDER BY d.vat_id")) {
                while (rs.next()) {
                    found.add(VatId.parse(rs.getString(1)));
                }
            }
            return found;
        });
        List<Placement> taken = new ArrayList<>();
        for (VatId vat : orphans) {
            store.transaction("take vat " + vat, c -> takeOne(c, vat, successor)).ifPresent(taken::add);
        }
        return taken;
    }

    private Optional<Placement> takeOne(Connection c, VatId vat, Successor successor) throws SQLException {
        Optional<Placement> locked = read(c, vat, true);
        if (locked.isEmpty() || !dead(c, locked.get().serverId())) {
            return Optional.empty();
        }
        List<Candidate> candidates = candidates(c);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Candidate chosen = successor.choose(locked.get(), candidates);
        if (!candidates.contains(chosen)) {
            throw new IllegalStateException("the successor chose " + chosen + ", which is not one of the candidates");
        }
        return Optional.of(assign(c, locked.get(), chosen.member()));
    }

    /**
     * Whether member {@code serverId} is dead: no row, or a lease expired. An expired row is
     * updated, not only read: a heartbeat racing with this transaction then waits for it and
     * checks the clock again after it, finding the lease expired, so the member cannot live on
     * after its vats were taken.
     */
    private static boolean dead(Connection c, String serverId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + MEMBERS + " WHERE server_id = ?")) {
            ps.setString(1, serverId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return true;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + MEMBERS + " SET lease_until = lease_until"
                + " WHERE server_id = ? AND lease_until <= " + NOW)) {
            ps.setString(1, serverId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The live active members, with how many vats each has. */
    private static List<Candidate> candidates(Connection c) throws SQLException {
        Map<String, Long> placed = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT server_id, COUNT(*) FROM " + DIRECTORY + " GROUP BY server_id")) {
            while (rs.next()) {
                placed.put(rs.getString(1), rs.getLong(2));
            }
        }
        return Membership.read(c, " WHERE lease_until > " + NOW + " AND state = '" + MemberState.ACTIVE.text() + "'")
                .stream()
                .map(m -> new Candidate(m, placed.getOrDefault(m.serverId(), 0L)))
                .toList();
    }

    /** Gives the locked row {@code row} to {@code member} with a raised epoch. */
    private static Placement assign(Connection c, Placement row, Member member) throws SQLException {
        VatId vat = row.vat();
        long next = Fence.raise(c, vat, row.epoch(), member.serverId());
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + DIRECTORY + " SET server_id = ?, epoch = ?, hints = ?,"
                + " state = ?, target = '' WHERE vat_id = ?")) {
            ps.setString(1, member.serverId());
            ps.setLong(2, next);
            ps.setString(3, Hints.join(member.hints()));
            ps.setString(4, VatState.PLACED.text());
            ps.setString(5, vat.toString());
            ps.executeUpdate();
        }
        return new Placement(vat, row.service(), member.serverId(), next, member.hints(), VatState.PLACED, "", row.load());
    }

    /** The row of {@code vat}, locked, if its epoch is {@code epoch}. */
    private static Placement current(Connection c, VatId vat, long epoch) throws SQLException {
        Placement now = read(c, vat, true).orElseThrow(() ->
                new ClusterException("vat " + vat + " is not placed in the cluster's directory"));
        if (now.epoch() != epoch) {
            throw new EpochConflictException("vat " + vat + " is at epoch " + now.epoch() + " on server " + now.serverId()
                    + ", no longer at epoch " + epoch + ": it was moved meanwhile");
        }
        return now;
    }

    private static void setState(Connection c, VatId vat, VatState state, String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + DIRECTORY + " SET state = ?, target = ? WHERE vat_id = ?")) {
            ps.setString(1, state.text());
            ps.setString(2, target);
            ps.setString(3, vat.toString());
            ps.executeUpdate();
        }
    }

    /** The live active member {@code serverId}, read in the open transaction. */
    private static Member activeMember(Connection c, String serverId) throws SQLException {
        Member member = liveMember(c, serverId);
        if (member.state() != MemberState.ACTIVE) {
            throw new ClusterException("server " + serverId + " is " + member.state().text() + ", not active: it takes no vats");
        }
        return member;
    }

    /** The live member {@code serverId}, read in the open transaction. */
    private static Member liveMember(Connection c, String serverId) throws SQLException {
        return Membership.read(c, " WHERE lease_until > " + NOW).stream()
                .filter(m -> m.serverId().equals(serverId))
                .findFirst()
                .orElseThrow(() -> new ClusterException("server " + serverId + " is not a live member of the cluster"));
    }

    private static Optional<Placement> read(Connection c, VatId vat, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT vat_id, server_id, epoch, hints, state, service, target, load FROM " + DIRECTORY
                + " WHERE vat_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, vat.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(placement(vat, rs)) : Optional.empty();
            }
        }
    }

    private static Placement placement(VatId vat, ResultSet rs) throws SQLException {
        return new Placement(vat, rs.getString(6), rs.getString(2), rs.getLong(3), Hints.split(rs.getString(4)),
                VatState.of(rs.getString(5)), rs.getString(7), rs.getDouble(8));
    }

    /** What a vat's sealed key is authenticated with: its vat id, so a key copied to another row does not open. */
    private static String context(VatId vat) {
        return "erg vat key " + vat;
    }
}
