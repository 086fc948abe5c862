package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * This server's claim on a store, in its {@code owner} row: the <em>epoch</em> of ownership a
 * start takes, the lease every commit renews in an update guarded by that epoch, and the count
 * of commits made under it. Leases are measured by the store's clock, not each server's. Used
 * by the thread that uses the store's connection.
 */
final class Ownership {

    private final String vatId;
    private final long leaseMillis;
    private final Holder holder = Holder.current();
    private final String now;
    private long epoch;

    /** Claims of vat {@code vatId}'s store, for {@code lease} at a time, in PostgreSQL's SQL or SQLite's. */
    Ownership(String vatId, Duration lease, boolean postgres) {
        this.vatId = vatId;
        this.leaseMillis = lease.toMillis();
        // The store's clock, not each server's, decides whether a lease holds.
        this.now = postgres ? StoreSchema.POSTGRES_NOW_MILLIS
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    /** This server's epoch of ownership; 0 before its claim. */
    long epoch() {
        return epoch;
    }

    /** How long a lease lasts from its last renewal. */
    long leaseMillis() {
        return leaseMillis;
    }

    /**
     * Takes the store for this server with the next epoch, and counts one more generation, in one
     * transaction; answers the generation.
     *
     * @throws StoredDataException if another server's lease holds
     */
    long claim(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // A write first: it holds the row (PostgreSQL) or the file (SQLite) until the commit,
            // so that two starts claim one after the other.
            s.executeUpdate("UPDATE owner SET epoch = epoch WHERE id = 1");
            long storedEpoch;
            String storedHolder;
            long remaining;
            try (ResultSet rs = s.executeQuery("SELECT epoch, holder, lease_until - " + now + " FROM owner WHERE id = 1")) {
                rs.next();
                storedEpoch = rs.getLong(1);
                storedHolder = rs.getString(2);
                remaining = rs.getLong(3);
            }
            if (!storedHolder.isEmpty() && remaining > 0 && Holder.mayLive(storedHolder)) {
                connection.rollback();
                throw new StoredDataException("another vat-server holds the state of vat " + vatId + " in this store ("
                        + storedHolder + ", epoch " + storedEpoch + ", its lease runs " + remaining
                        + " ms more); stop it before starting this one");
            }
            epoch = storedEpoch + 1;
            try (PreparedStatement ps = connection.prepareStatement("UPDATE owner SET epoch = ?, holder = ?,"
                    + " lease_until = " + now + " + ?, commits = 0 WHERE id = 1")) {
                ps.setLong(1, epoch);
                ps.setString(2, holder.text());
                ps.setLong(3, leaseMillis);
                ps.executeUpdate();
            }
            long generation = Long.parseLong(StoreMeta.read(connection).get("generation")) + 1;
            StoreMeta.put(connection, "generation", Long.toString(generation));
            connection.commit();
            return generation;
        }
    }

    /**
     * Renews the lease in the open transaction of {@code c} if this server still owns the store,
     * counting one more commit if {@code counted}; else rolls back and says so.
     *
     * @throws FencedException if another server has claimed the store
     */
    void guard(Connection c, boolean counted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE owner SET lease_until = " + now + " + ?"
                + (counted ? ", commits = commits + 1" : "") + " WHERE id = 1 AND epoch = ?")) {
            ps.setLong(1, leaseMillis);
            ps.setLong(2, epoch);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        c.rollback();
        String claimant;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT epoch, holder FROM owner WHERE id = 1")) {
            claimant = rs.next() ? rs.getString(2) + ", epoch " + rs.getLong(1) : "nobody";
        }
        c.rollback();
        throw new FencedException("vat " + vatId + " was claimed by another vat-server (" + claimant + ") after this one's"
                + " epoch " + epoch);
    }

    /** How many commits have been made under this epoch, read in the open transaction of {@code c}. */
    long commitsMade(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT commits FROM owner WHERE id = 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Ends this server's lease, so the next start need not wait for it; a failure leaves it to end on its own. */
    void release(Connection c) {
        if (epoch > 0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE owner SET lease_until = 0 WHERE id = 1 AND epoch = ?")) {
                ps.setLong(1, epoch);
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                // The lease then ends on its own.
            }
        }
    }
}
