package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of one vat's durable state, in SQLite or PostgreSQL, over one connection used by
 * one thread at a time. Every change goes through {@link #commit}, in one transaction.
 *
 * <p>The store is owned by one server at a time. Each start claims it with a new <em>epoch</em>
 * and a lease in the {@code owner} row; every commit renews the lease in an update guarded by
 * that epoch, in the same transaction, so a server whose vat another one has taken over commits
 * nothing ({@link FencedException}). A start is refused while another server's lease holds,
 * unless that server is a process of this host that has ended.
 *
 * <p>Any SQL error drops the connection: {@link #lost()} says so, and {@link #reconnect} opens a
 * new one, checks the epoch and says whether a commit whose outcome was unknown was made.
 */
final class JdbcStore implements AutoCloseable {

    /** The schema this code writes; a store of another version is refused. */
    static final long SCHEMA_VERSION = 1;

    private final Storage storage;
    private final String vatId;
    private final Connector connector;
    private final long leaseMillis;
    private final Holder holder = Holder.current();
    private final boolean postgres;
    private final String now;
    private Connection connection;
    private String lostCause;
    private long epoch;
    private long generation;
    /** Commits known made under this epoch; the owner row counts the made ones too. */
    private long confirmed;
    private boolean inDoubt;

    private JdbcStore(Storage storage, String vatId, Connector connector, Duration lease) {
        this.storage = storage;
        this.vatId = vatId;
        this.connector = connector;
        this.leaseMillis = lease.toMillis();
        this.postgres = storage.isPostgres();
        // The store's clock, not each server's, decides whether a lease holds.
        this.now = postgres ? "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT"
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    /**
     * Opens the store of vat {@code vatId} at {@code storage} through {@code connector}, making
     * its tables if they do not exist, and claims it for this server for {@code lease} at a time,
     * counting one more generation.
     *
     * @throws StoredDataException if the database cannot be reached, holds another vat's or
     *                             version's state, or another server's lease on it holds
     */
    static JdbcStore open(Storage storage, String vatId, Connector connector, Duration lease) {
        JdbcStore store = new JdbcStore(storage, vatId, connector, lease);
        try {
            store.connect();
            store.claim();
            return store;
        } catch (SQLException e) {
            store.close();
            throw new StoredDataException("cannot open the durable store " + storage + ": " + oneLine(e), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void connect() throws SQLException {
        connection = connector.connect();
        lostCause = null;
        try {
            prepare();
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    private void prepare() throws SQLException {
        String blob = postgres ? "BYTEA" : "BLOB";
        try (Statement s = connection.createStatement()) {
            if (postgres) {
                String schema = "erg_" + vatId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").substring(0, 20);
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
            s.execute("CREATE TABLE IF NOT EXISTS receipts (stream TEXT NOT NULL, seq BIGINT NOT NULL, digest " + blob
                    + " NOT NULL, generation BIGINT NOT NULL, answer " + blob + " NOT NULL, problem_kind TEXT NOT NULL,"
                    + " problem_message TEXT NOT NULL, PRIMARY KEY (stream, seq))");
            s.executeUpdate("INSERT INTO owner (id, epoch, holder, lease_until, commits) VALUES (1, 0, '', 0, 0)"
                    + " ON CONFLICT (id) DO NOTHING");
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

    /** Takes the store for this server with the next epoch, and counts one more generation, in one transaction. */
    private void claim() throws SQLException {
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
            generation = Long.parseLong(meta().get("generation")) + 1;
            putMeta("generation", Long.toString(generation));
            connection.commit();
        }
    }

    /** How many times this store has been started, this start included. */
    long generation() {
        return generation;
    }

    /** This server's epoch of ownership. */
    long epoch() {
        return epoch;
    }

    /** How long a lease lasts from its last renewal. */
    long leaseMillis() {
        return leaseMillis;
    }

    /** Whether the connection was dropped after an error: nothing works until {@link #reconnect}. */
    boolean lost() {
        return connection == null;
    }

    /** Why the connection was dropped, on one line. */
    String lostCause() {
        return lostCause;
    }

    /** Whether the last failed commit may have been made: it failed while committing. */
    boolean inDoubt() {
        return inDoubt;
    }

    /**
     * Opens a new connection, checks that this server still owns the store and renews its lease;
     * answers whether the commit that failed in doubt was made.
     *
     * @throws FencedException     if another server has claimed the store since
     * @throws StoredDataException if the store cannot be reached
     */
    boolean reconnect() {
        closeConnection();
        try {
            connect();
            guard(false);
            long made;
            try (PreparedStatement ps = connection.prepareStatement("SELECT commits FROM owner WHERE id = 1")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    made = rs.getLong(1);
                }
            }
            connection.commit();
            boolean landed = inDoubt && made > confirmed;
            confirmed = made;
            inDoubt = false;
            return landed;
        } catch (SQLException e) {
            throw failed("reconnect", e);
        }
    }

    /**
     * Renews this server's lease, in a transaction of its own.
     *
     * @throws FencedException if another server has claimed the store
     */
    void renew() {
        try {
            guard(false);
            live().commit();
        } catch (SQLException e) {
            throw failed("renew the lease", e);
        }
    }

    /** Renews the lease in the open transaction if this server still owns the store; else rolls back and says so. */
    private void guard(boolean counted) throws SQLException {
        Connection c = live();
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

    long metaLong(String name) {
        try {
            return Long.parseLong(meta().get(name));
        } catch (SQLException e) {
            throw failed("read " + name, e);
        }
    }

    Map<String, Long> roots() {
        Map<String, Long> roots = new LinkedHashMap<>();
        try (Statement s = live().createStatement();
             ResultSet rs = s.executeQuery("SELECT service, object FROM roots ORDER BY service")) {
            while (rs.next()) {
                roots.put(rs.getString(1), rs.getLong(2));
            }
            live().commit();
        } catch (SQLException e) {
            throw failed("read the roots", e);
        }
        return roots;
    }

    /** The sturdy refs of the objects made by turns. */
    List<StoredRef> madeRefs() {
        List<StoredRef> refs = new ArrayList<>();
        try (Statement s = live().createStatement();
             ResultSet rs = s.executeQuery("SELECT sturdy.swiss, sturdy.object, objects.kind FROM sturdy"
                     + " JOIN objects ON objects.id = sturdy.object ORDER BY sturdy.object")) {
            while (rs.next()) {
                refs.add(new StoredRef(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
            live().commit();
        } catch (SQLException e) {
            throw failed("read the sturdy refs of durable objects", e);
        }
        return refs;
    }

    StoredObject object(long id) {
        try (PreparedStatement ps = live().prepareStatement("SELECT kind, state FROM objects WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                StoredObject found = rs.next() ? new StoredObject(id, rs.getString(1), rs.getBytes(2)) : null;
                live().commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read object " + id, e);
        }
    }

    /** The kinds of all stored objects, with how many there are of each. */
    Map<String, Long> kinds() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        try (Statement s = live().createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, COUNT(*) FROM objects GROUP BY kind ORDER BY kind")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getLong(2));
            }
            live().commit();
        } catch (SQLException e) {
            throw failed("read the kinds", e);
        }
        return kinds;
    }

    List<OutStream> outStreams() {
        List<OutStream> streams = new ArrayList<>();
        try (Statement s = live().createStatement();
             ResultSet rs = s.executeQuery("SELECT id, target, mailbox, next_seq, acked, peer_generation, halted FROM outstreams")) {
            while (rs.next()) {
                streams.add(new OutStream(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)));
            }
            live().commit();
        } catch (SQLException e) {
            throw failed("read the outbox streams", e);
        }
        return streams;
    }

    /** Every letter awaiting its receipt, by stream and number. */
    List<OutLetter> outbox() {
        List<OutLetter> letters = new ArrayList<>();
        try (Statement s = live().createStatement();
             ResultSet rs = s.executeQuery("SELECT stream, seq, ticket, sender, swiss, method, args FROM outbox"
                     + " ORDER BY stream, seq")) {
            while (rs.next()) {
                letters.add(new OutLetter(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getBytes(7)));
            }
            live().commit();
        } catch (SQLException e) {
            throw failed("read the outbox", e);
        }
        return letters;
    }

    InStream inStream(String id) {
        try (PreparedStatement ps = live().prepareStatement(
                "SELECT sender, last_seq, floor, sender_generation FROM instreams WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                InStream found = rs.next() ? new InStream(id, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)) : null;
                live().commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read stream " + id, e);
        }
    }

    StoredReceipt receipt(String stream, long seq) {
        try (PreparedStatement ps = live().prepareStatement("SELECT digest, generation, answer, problem_kind,"
                + " problem_message FROM receipts WHERE stream = ? AND seq = ?")) {
            ps.setString(1, stream);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                StoredReceipt found = rs.next() ? new StoredReceipt(rs.getBytes(1),
                        new Receipt(stream, seq, rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getString(5))) : null;
                live().commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read a receipt of stream " + stream, e);
        }
    }

    /**
     * Writes {@code batch} in one transaction, with the renewal of this server's lease.
     *
     * @throws FencedException     if another server has claimed the store: nothing was written
     * @throws StoredDataException if the store failed: see {@link #inDoubt}
     */
    void commit(Batch batch) {
        inDoubt = false;
        Connection c = live();
        try {
            guard(true);
            write(batch);
        } catch (SQLException e) {
            throw failed("commit " + batch.turns + " turns", e);
        }
        try {
            c.commit();
            confirmed++;
        } catch (SQLException e) {
            // The commit may have been made before the connection broke: reconnect tells.
            inDoubt = true;
            throw failed("commit " + batch.turns + " turns", e);
        }
    }

    private void write(Batch batch) throws SQLException {
        if (!batch.dropped.isEmpty()) {
            try (PreparedStatement letters = live().prepareStatement("DELETE FROM outbox WHERE stream = ?");
                 PreparedStatement streams = live().prepareStatement("DELETE FROM outstreams WHERE id = ?")) {
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
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO objects (id, kind, state) VALUES (?, ?, ?)"
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
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO sturdy (swiss, object) VALUES (?, ?)")) {
                for (Made m : batch.made) {
                    ps.setString(1, m.swiss().text());
                    ps.setLong(2, m.object().id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.roots.isEmpty()) {
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO roots (service, object) VALUES (?, ?)")) {
                for (Map.Entry<String, Long> root : batch.roots.entrySet()) {
                    ps.setString(1, root.getKey());
                    ps.setLong(2, root.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.outStreams.isEmpty()) {
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO outstreams (id, target, mailbox, next_seq, acked,"
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
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO outbox (stream, seq, ticket, sender, swiss,"
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
            try (PreparedStatement ps = live().prepareStatement("DELETE FROM outbox WHERE stream = ? AND seq = ?")) {
                for (OutLetter l : batch.delivered) {
                    ps.setString(1, l.stream());
                    ps.setLong(2, l.seq());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.receipts.isEmpty()) {
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO receipts (stream, seq, digest, generation,"
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
            try (PreparedStatement ps = live().prepareStatement("INSERT INTO instreams (id, sender, last_seq, floor,"
                    + " sender_generation) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq,"
                    + " floor = excluded.floor, sender_generation = excluded.sender_generation");
                 PreparedStatement prune = live().prepareStatement("DELETE FROM receipts WHERE stream = ? AND seq <= ?")) {
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
        try (Statement s = live().createStatement(); ResultSet rs = s.executeQuery("SELECT name, value FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    private void putMeta(String name, String value) throws SQLException {
        try (PreparedStatement ps = live().prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /** The connection; if it was dropped, a failure saying why. */
    private Connection live() {
        if (connection == null) {
            throw new StoredDataException("durable store " + storage + " unreachable: " + lostCause);
        }
        return connection;
    }

    /** Drops the connection: whatever failed may have left it unusable. */
    private StoredDataException failed(String what, SQLException e) {
        lostCause = oneLine(e);
        closeConnection();
        return new StoredDataException("durable store: cannot " + what + ": " + lostCause, e);
    }

    /** The message of {@code e} on one line, with its cause's if it adds to it. */
    static String oneLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (lostCause == null) {
            lostCause = "closed";
        }
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing only releases the connection; every commit has already been made durable or rolled back.
            }
        }
    }

    /** Ends this server's lease, so the next start need not wait for it, and closes the connection. */
    @Override
    public void close() {
        if (connection != null && epoch > 0) {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE owner SET lease_until = 0 WHERE id = 1 AND epoch = ?")) {
                ps.setLong(1, epoch);
                ps.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                // The lease then ends on its own.
            }
        }
        closeConnection();
    }
}
