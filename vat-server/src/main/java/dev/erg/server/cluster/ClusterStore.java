package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import dev.erg.server.durable.StoreSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One connection to the cluster's PostgreSQL database, whose schema {@value #SCHEMA} holds the
 * membership and the directory; they are made on the first connection if they do not exist.
 * Work runs in transactions, one caller at a time; an SQL error drops the connection and the
 * next transaction opens a new one.
 */
public final class ClusterStore implements AutoCloseable {

    /** The schema of the cluster's tables. */
    static final String SCHEMA = "erg_cluster";
    /** The schema version this code writes; a database of another version is refused. */
    static final long VERSION = 1;
    /** Now in milliseconds by the database's clock, which alone decides whether a lease holds. */
    static final String NOW = StoreSchema.POSTGRES_NOW_MILLIS;

    private final String url;
    private final Properties properties = new Properties();
    private Connection connection;

    private ClusterStore(String url, String user, String password) {
        this.url = url;
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        // A database that stops answering is a failed heartbeat, not a wait without end.
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
    }

    /**
     * Connects to the cluster's database at {@code url} and makes its tables if needed.
     *
     * @throws ClusterException if it cannot be reached, or holds another schema version
     */
    public static ClusterStore open(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ClusterException("cluster.store: expected jdbc:postgresql://HOST:PORT/DB, got another kind of URL");
        }
        ClusterStore store = new ClusterStore(url, user, password);
        store.transaction("connect", c -> null);
        return store;
    }

    /** Work on the database in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits it; on an SQL error rolls back and drops
     * the connection; any other failure of the work rolls back and is rethrown.
     *
     * @throws ClusterException saying it could not {@code what}, and why
     */
    synchronized <T> T transaction(String what, Work<T> work) {
        Connection c;
        try {
            c = live();
        } catch (SQLException e) {
            drop();
            throw new ClusterException("cluster store " + url + " unreachable: " + oneLine(e), e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            drop();
            throw new ClusterException("cluster store " + url + ": cannot " + what + ": " + oneLine(e), e);
        } catch (RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                drop();
            }
            throw e;
        }
    }

    private Connection live() throws SQLException {
        if (connection == null) {
            Connection c = DriverManager.getConnection(url, properties);
            try {
                prepare(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private static void prepare(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // Until this transaction ends: two members making the same tables at once would collide.
            try (ResultSet rs = s.executeQuery("SELECT pg_advisory_xact_lock(hashtext('" + SCHEMA + "'))")) {
                rs.next();
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".members (server_id TEXT PRIMARY KEY,"
                    + " incarnation TEXT NOT NULL, hints TEXT NOT NULL, state TEXT NOT NULL, joined_at BIGINT NOT NULL,"
                    + " heartbeat_at BIGINT NOT NULL, lease_until BIGINT NOT NULL,"
                    + " turns_per_second DOUBLE PRECISION NOT NULL, cpu_share DOUBLE PRECISION NOT NULL,"
                    + " vat_count INTEGER NOT NULL, price DOUBLE PRECISION NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".directory (vat_id TEXT PRIMARY KEY,"
                    + " server_id TEXT NOT NULL, epoch BIGINT NOT NULL, hints TEXT NOT NULL, state TEXT NOT NULL,"
                    + " sealed_key BYTEA NOT NULL)");
            // The service a placed vat runs: which configured service its host makes in it.
            s.execute("ALTER TABLE " + SCHEMA + ".directory ADD COLUMN IF NOT EXISTS service TEXT NOT NULL DEFAULT ''");
            // The member a moving vat goes to, and the turns per second its host last posted for it.
            s.execute("ALTER TABLE " + SCHEMA + ".directory ADD COLUMN IF NOT EXISTS target TEXT NOT NULL DEFAULT ''");
            s.execute("ALTER TABLE " + SCHEMA + ".directory ADD COLUMN IF NOT EXISTS load DOUBLE PRECISION NOT NULL"
                    + " DEFAULT 0");
            // The epoch at which the vat's server last reported it running: 0 until it first does.
            s.execute("ALTER TABLE " + SCHEMA + ".directory ADD COLUMN IF NOT EXISTS running_epoch BIGINT NOT NULL"
                    + " DEFAULT 0");
            s.execute("CREATE INDEX IF NOT EXISTS directory_server ON " + SCHEMA + ".directory (server_id)");
            s.executeUpdate("INSERT INTO " + SCHEMA + ".meta (name, value) VALUES ('schema', '" + VERSION + "')"
                    + " ON CONFLICT (name) DO NOTHING");
            try (ResultSet rs = s.executeQuery("SELECT value FROM " + SCHEMA + ".meta WHERE name = 'schema'")) {
                rs.next();
                String version = rs.getString(1);
                if (!version.equals(Long.toString(VERSION))) {
                    c.rollback();
                    throw new ClusterException("the cluster's tables (schema " + SCHEMA + ") have version " + version
                            + "; this build reads version " + VERSION);
                }
            }
        }
        c.commit();
    }

    /**
     * The schema holding vat {@code vat}'s durable state in this database, as the durable store
     * names it ({@code StoreSchema}): the directory raises the epoch of its {@code owner} row.
     */
    static String vatSchema(VatId vat) {
        return StoreSchema.schemaOf(vat.toString());
    }

    /** The message of {@code e} on one line. */
    static String oneLine(Throwable e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
    }

    private void drop() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // The connection is given up either way; an open transaction is rolled back by the server.
            }
        }
    }

    /** The URL, without credentials. */
    @Override
    public String toString() {
        return url;
    }

    /** Closes the connection. */
    @Override
    public synchronized void close() {
        drop();
    }
}
