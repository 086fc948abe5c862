package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The store's {@code meta} table: named values such as the vat the store belongs to, its
 * schema version, its generation and the next ticket and object numbers. Read and written in
 * the caller's transaction.
 */
final class StoreMeta {

    private StoreMeta() {
    }

    /** Every named value. */
    static Map<String, String> read(Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, value FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    /** Sets {@code name} to {@code value}. */
    static void put(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
