package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of a vat's store, made on a new connection if they do not exist yet, in SQLite or
 * in a PostgreSQL schema of the vat's own; a store of another vat or of another schema version
 * is refused.
 */
public final class StoreSchema {

    /** The schema this code writes; a store of another version is refused. */
    static final long VERSION = 1;
    /** PostgreSQL's clock, in milliseconds since the epoch, as SQL: leases are measured by the store's clock. */
    public static final String POSTGRES_NOW_MILLIS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT";

    private StoreSchema() {
    }

    /** The PostgreSQL schema that holds the durable state of vat {@code vatId}. */
    public static String schemaOf(String vatId) {
        return "erg_" + vatId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").substring(0, 20);
    }

    /**
     * Sets {@code connection} up for the store of vat {@code vatId} and makes its tables, in a
     * transaction of its own.
     *
     * @throws StoredDataException if the store holds another vat's state or another version's
     */
    static void prepare(Connection connection, boolean postgres, String vatId) throws SQLException {
        String blob = postgres ? "BYTEA" : "BLOB";
        try (Statement s = connection.createStatement()) {
            if (postgres) {
                String schema = schemaOf(vatId);
                connection.setAutoCommit(false);
                // Until this transaction ends: two servers making the same tables at once would collide.
                try (ResultSet rs = s.executeQuery("SELECT pg_advisory_xact_lock(hashtext('" + schema + "'))")) {
                    rs.next();
                }
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("SET search_path TO " + schema);
            } else {
                // WAL lets readers work during a commit; FULL syncs the log at every commit.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                connection.setAutoCommit(false);
            }
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY, epoch BIGINT NOT NULL, holder TEXT NOT NULL,"
                    + " lease_until BIGINT NOT NULL, commits BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS objects (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, state " + blob
                    + " NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS roots (service TEXT PRIMARY KEY, object BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS sturdy (swiss TEXT PRIMARY KEY, object BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS outstreams (id TEXT PRIMARY KEY, target TEXT NOT NULL UNIQUE,"
                    + " mailbox TEXT NOT NULL, next_seq BIGINT NOT NULL, acked BIGINT NOT NULL,"
                    + " peer_generation BIGINT NOT NULL, halted TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS outbox (stream TEXT NOT NULL, seq BIGINT NOT NULL, ticket BIGINT NOT NULL,"
                    + " sender BIGINT NOT NULL, swiss TEXT NOT NULL, method TEXT NOT NULL, args " + blob + " NOT NULL,"
                    + " PRIMARY KEY (stream, seq))");
            s.execute("CREATE TABLE IF NOT EXISTS instreams (id TEXT PRIMARY KEY, sender TEXT NOT NULL,"
                    + " last_seq BIGINT NOT NULL, floor BIGINT NOT NULL, sender_generation BIGINT NOT NULL)");
            // A table of its own rather than a column, so that stores made before it gain it as they open.
            s.execute("CREATE TABLE IF NOT EXISTS stopped_instreams (id TEXT PRIMARY KEY, why TEXT NOT NULL)");
            // Likewise: the incarnation of the sender's highest generation seen on each stream.
            s.execute("CREATE TABLE IF NOT EXISTS instream_incarnations (id TEXT PRIMARY KEY, incarnation TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS alarms (id BIGINT PRIMARY KEY, subject TEXT NOT NULL, raised TEXT NOT NULL,"
                    + " what TEXT NOT NULL, repeats BIGINT NOT NULL, acknowledged TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS receipts (stream TEXT NOT NULL, seq BIGINT NOT NULL, digest " + blob
                    + " NOT NULL, generation BIGINT NOT NULL, answer " + blob + " NOT NULL, problem_kind TEXT NOT NULL,"
                    + " problem_message TEXT NOT NULL, PRIMARY KEY (stream, seq))");
            s.executeUpdate("INSERT INTO owner (id, epoch, holder, lease_until, commits) VALUES (1, 0, '', 0, 0)"
                    + " ON CONFLICT (id) DO NOTHING");
        }
        Map<String, String> meta = StoreMeta.read(connection);
        String storedVat = meta.get("vat");
        if (storedVat == null) {
            StoreMeta.put(connection, "vat", vatId);
            StoreMeta.put(connection, "schema", Long.toString(VERSION));
            StoreMeta.put(connection, "generation", "0");
            StoreMeta.put(connection, "next_ticket", "1");
            StoreMeta.put(connection, "next_object", "1");
        } else if (!storedVat.equals(vatId)) {
            connection.rollback();
            throw new StoredDataException("the durable store holds the state of vat " + storedVat + ", not of vat " + vatId
                    + ": the data directory and its store do not belong together");
        } else if (!meta.get("schema").equals(Long.toString(VERSION))) {
            connection.rollback();
            throw new StoredDataException("the durable store has schema version " + meta.get("schema")
                    + ", this build reads version " + VERSION);
        }
        connection.commit();
    }
}
