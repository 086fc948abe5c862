package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Raises the epoch of a vat's durable {@code owner} row within the directory's transaction, so
 * that the server holding the vat before commits nothing more: every commit of the durable
 * store renews its lease in an update guarded by its epoch, which then matches no row.
 */
final class Fence {

    private Fence() {
    }

    /**
     * The vat's next epoch, above both {@code directoryEpoch} and its owner row's epoch, written
     * to the owner row (with its lease ended, so the next server's claim need not wait, and
     * {@code serverId} named as who took it) in the open transaction of {@code c}; a vat without
     * durable state yet has no row to write.
     */
    static long raise(Connection c, VatId vat, long directoryEpoch, String serverId) throws SQLException {
        String owner = ClusterStore.vatSchema(vat) + ".owner";
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return directoryEpoch + 1;
                }
            }
        }
        long ownerEpoch;
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM " + owner + " WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            ownerEpoch = rs.next() ? rs.getLong(1) : 0;
        }
        long next = Math.max(directoryEpoch, ownerEpoch) + 1;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + owner + " SET epoch = ?, holder = ?, lease_until = 0"
                + " WHERE id = 1")) {
            ps.setLong(1, next);
            // Named in the fenced server's error; no process of any host has this name, so it holds no lease.
            ps.setString(2, "directory: placed on server " + serverId);
            ps.executeUpdate();
        }
        return next;
    }
}
