package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The tables of one vat's durable state, in SQLite or PostgreSQL, over one connection used by
 * one thread at a time. Every change goes through {@link #commit}, in one transaction.
 */
final class JdbcStore implements AutoCloseable {

    /** The schema this code writes; a store of another version is refused. */
    static final long SCHEMA_VERSION = 1;

    private final Connection connection;
    private final boolean postgres;

    private JdbcStore(Connection connection, boolean postgres) {
        this.connection = connection;
        this.postgres = postgres;
    }

    /**
     * Opens the store of vat {@code vatId} at {@code storage}, making its tables if they do
     * not exist.
     *
     * @throws StoredDataException if the database cannot be reached or holds another vat's or version's state
     */
    static JdbcStore open(Storage storage, String vatId) {
        Properties props = new Properties();
        if (!storage.user().isEmpty()) {
            props.setProperty("user", storage.user());
        }
        if (!storage.password().isEmpty()) {
            props.setProperty("password", storage.password());
        }
        if (storage.isPostgres()) {
            // A batch of upserts travels as a few multi-row statements instead of one statement per row.
            props.setProperty("reWriteBatchedInserts", "true");
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(storage.url(), props);
        } catch (SQLException e) {
            throw new StoredDataException("cannot open the durable store " + storage + ": " + e.getMessage(), e);
        }
        JdbcStore store = new JdbcStore(connection, storage.isPostgres());
        try {
            store.prepare(vatId);
            return store;
        } catch (SQLException e) {
            store.close();
            throw new StoredDataException("cannot prepare the durable store " + storage + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void prepare(String vatId) throws SQLException {
        String blob = postgres ? "BYTEA" : "BLOB";
        try (Statement s = connection.createStatement()) {
            if (postgres) {
                String schema = "erg_" + vatId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").substring(0, 20);
                // Held by this connection until it closes: one vat's state, one server at a time.
                try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(hashtext('" + schema + "'))")) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        throw new StoredDataException("another vat-server holds the state of vat " + vatId
                                + " in this database; stop it before starting this one");
                    }
                }
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("SET search_path TO " + schema);
            } else {
                // WAL lets readers work during a commit; FULL syncs the log at every commit.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
            }
            connection.setAutoCommit(false);
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
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
            s.execute("CREATE TABLE IF NOT EXISTS receipts (stream TEXT NOT NULL, seq BIGINT NOT NULL, digest " + blob
                    + " NOT NULL, generation BIGINT NOT NULL, answer " + blob + " NOT NULL, problem_kind TEXT NOT NULL,"
                    + " problem_message TEXT NOT NULL, PRIMARY KEY (stream, seq))");
        }
        Map<String, String> meta = meta();
        String storedVat = meta.get("vat");
        if (storedVat == null) {
            putMeta("vat", vatId);
            putMeta("schema", Long.toString(SCHEMA_VERSION));
            putMeta("generation", "0");
            putMeta("next_ticket", "1");
            putMeta("next_object", "1");
        } else if (!storedVat.equals(vatId)) {
            connection.rollback();
            throw new StoredDataException("the durable store holds the state of vat " + storedVat + ", not of vat " + vatId
                    + ": the data directory and its store do not belong together");
        } else if (!meta.get("schema").equals(Long.toString(SCHEMA_VERSION))) {
            connection.rollback();
            throw new StoredDataException("the durable store has schema version " + meta.get("schema")
                    + ", this build reads version " + SCHEMA_VERSION);
        }
        connection.commit();
    }

    /** Counts one more start and returns its generation, committed. */
    long startGeneration() {
        try {
            long generation = Long.parseLong(meta().get("generation")) + 1;
            putMeta("generation", Long.toString(generation));
            connection.commit();
            return generation;
        } catch (SQLException e) {
            throw failed("count this start", e);
        }
    }

    long metaLong(String name) {
        try {
            return Long.parseLong(meta().get(name));
        } catch (SQLException e) {
            throw failed("read " + name, e);
        }
    }

    Map<String, Long> roots() {
        Map<String, Long> roots = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT service, object FROM roots ORDER BY service")) {
            while (rs.next()) {
                roots.put(rs.getString(1), rs.getLong(2));
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("read the roots", e);
        }
        return roots;
    }

    /** The sturdy refs of the objects made by turns. */
    List<StoredRef> madeRefs() {
        List<StoredRef> refs = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT sturdy.swiss, sturdy.object, objects.kind FROM sturdy"
                     + " JOIN objects ON objects.id = sturdy.object ORDER BY sturdy.object")) {
            while (rs.next()) {
                refs.add(new StoredRef(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("read the sturdy refs of durable objects", e);
        }
        return refs;
    }

    StoredObject object(long id) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT kind, state FROM objects WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                StoredObject found = rs.next() ? new StoredObject(id, rs.getString(1), rs.getBytes(2)) : null;
                connection.commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read object " + id, e);
        }
    }

    /** The kinds of all stored objects, with how many there are of each. */
    Map<String, Long> kinds() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, COUNT(*) FROM objects GROUP BY kind ORDER BY kind")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getLong(2));
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("read the kinds", e);
        }
        return kinds;
    }

    List<OutStream> outStreams() {
        List<OutStream> streams = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, target, mailbox, next_seq, acked, peer_generation, halted FROM outstreams")) {
            while (rs.next()) {
                streams.add(new OutStream(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)));
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("read the outbox streams", e);
        }
        return streams;
    }

    /** Every letter awaiting its receipt, by stream and number. */
    List<OutLetter> outbox() {
        List<OutLetter> letters = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT stream, seq, ticket, sender, swiss, method, args FROM outbox"
                     + " ORDER BY stream, seq")) {
            while (rs.next()) {
                letters.add(new OutLetter(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getBytes(7)));
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("read the outbox", e);
        }
        return letters;
    }

    InStream inStream(String id) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sender, last_seq, floor, sender_generation FROM instreams WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                InStream found = rs.next() ? new InStream(id, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)) : null;
                connection.commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read stream " + id, e);
        }
    }

    StoredReceipt receipt(String stream, long seq) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT digest, generation, answer, problem_kind,"
                + " problem_message FROM receipts WHERE stream = ? AND seq = ?")) {
            ps.setString(1, stream);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                StoredReceipt found = rs.next() ? new StoredReceipt(rs.getBytes(1),
                        new Receipt(stream, seq, rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getString(5))) : null;
                connection.commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read a receipt of stream " + stream, e);
        }
    }

    /** Writes {@code batch} in one transaction. */
    void commit(Batch batch) {
        try {
            write(batch);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failed("commit " + batch.turns + " turns", e);
        }
    }

    private void write(Batch batch) throws SQLException {
        if (!batch.dropped.isEmpty()) {
            try (PreparedStatement letters = connection.prepareStatement("DELETE FROM outbox WHERE stream = ?");
                 PreparedStatement streams = connection.prepareStatement("DELETE FROM outstreams WHERE id = ?")) {
                for (OutStream s : batch.dropped) {
                    letters.setString(1, s.id);
                    letters.addBatch();
                    streams.setString(1, s.id);
                    streams.addBatch();
                }
                letters.executeBatch();
                streams.executeBatch();
            }
        }
        if (!batch.objects.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO objects (id, kind, state) VALUES (?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, state = excluded.state")) {
                for (StoredObject o : batch.objects.values()) {
                    ps.setLong(1, o.id());
                    ps.setString(2, o.kind());
                    ps.setBytes(3, o.state());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.made.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO sturdy (swiss, object) VALUES (?, ?)")) {
                for (Made m : batch.made) {
                    ps.setString(1, m.swiss().text());
                    ps.setLong(2, m.object().id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.roots.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO roots (service, object) VALUES (?, ?)")) {
                for (Map.Entry<String, Long> root : batch.roots.entrySet()) {
                    ps.setString(1, root.getKey());
                    ps.setLong(2, root.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.outStreams.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO outstreams (id, target, mailbox, next_seq, acked,"
                    + " peer_generation, halted) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " mailbox = excluded.mailbox, next_seq = excluded.next_seq, acked = excluded.acked,"
                    + " peer_generation = excluded.peer_generation, halted = excluded.halted")) {
                for (OutStream s : batch.outStreams) {
                    ps.setString(1, s.id);
                    ps.setString(2, s.targetVat);
                    ps.setString(3, s.mailbox);
                    ps.setLong(4, s.nextSeq);
                    ps.setLong(5, s.acked);
                    ps.setLong(6, s.peerGeneration);
                    ps.setString(7, s.halted);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.sent.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO outbox (stream, seq, ticket, sender, swiss,"
                    + " method, args) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (OutLetter l : batch.sent) {
                    ps.setString(1, l.stream());
                    ps.setLong(2, l.seq());
                    ps.setLong(3, l.ticket());
                    ps.setLong(4, l.sender());
                    ps.setString(5, l.swiss());
                    ps.setString(6, l.method());
                    ps.setBytes(7, l.args());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.delivered.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox WHERE stream = ? AND seq = ?")) {
                for (OutLetter l : batch.delivered) {
                    ps.setString(1, l.stream());
                    ps.setLong(2, l.seq());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.receipts.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO receipts (stream, seq, digest, generation,"
                    + " answer, problem_kind, problem_message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Map<Long, StoredReceipt> of : batch.receipts.values()) {
                    for (StoredReceipt r : of.values()) {
                        Receipt receipt = r.receipt();
                        ps.setString(1, receipt.stream());
                        ps.setLong(2, receipt.seq());
                        ps.setBytes(3, r.digest());
                        ps.setLong(4, receipt.generation());
                        ps.setBytes(5, receipt.answer());
                        ps.setString(6, receipt.problemKind());
                        ps.setString(7, receipt.problemMessage());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (!batch.inStreams.isEmpty()) {
            // Receipts the sender has confirmed are never asked for again.
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO instreams (id, sender, last_seq, floor,"
                    + " sender_generation) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq,"
                    + " floor = excluded.floor, sender_generation = excluded.sender_generation");
                 PreparedStatement prune = connection.prepareStatement("DELETE FROM receipts WHERE stream = ? AND seq <= ?")) {
                for (InStream s : batch.inStreams) {
                    ps.setString(1, s.id);
                    ps.setString(2, s.from);
                    ps.setLong(3, s.last);
                    ps.setLong(4, s.floor);
                    ps.setLong(5, s.senderGeneration);
                    ps.addBatch();
                    prune.setString(1, s.id);
                    prune.setLong(2, s.floor);
                    prune.addBatch();
                }
                ps.executeBatch();
                prune.executeBatch();
            }
        }
        putMeta("next_ticket", Long.toString(batch.nextTicket));
        putMeta("next_object", Long.toString(batch.nextObject));
    }

    private Map<String, String> meta() throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT name, value FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    private void putMeta(String name, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    private static StoredDataException failed(String what, SQLException e) {
        return new StoredDataException("durable store: cannot " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing only releases the connection; every commit has already been made durable or rolled back.
        }
    }
}
