package dev.erg.server.durable;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>This class keeps the connection and reads the tables; {@link StoreSchema} makes them,
 * {@link Ownership} keeps the claim in the {@code owner} row, {@link BatchWriter} writes a
 * commit, and {@link StoreMeta} reads and writes the {@code meta} table.
 */
final class JdbcStore implements AutoCloseable {

    private final Storage storage;
    private final String vatId;
    private final Connector connector;
    private final boolean postgres;
    private final Ownership ownership;
    private Connection connection;
    private String lostCause;
    private long generation;
    private String incarnation;
    /** Commits known made under this epoch; the owner row counts the made ones too. */
    private long confirmed;
    private boolean inDoubt;

    private JdbcStore(Storage storage, String vatId, Connector connector, Duration lease) {
        this.storage = storage;
        this.vatId = vatId;
        this.connector = connector;
        this.postgres = storage.isPostgres();
        this.ownership = new Ownership(vatId, lease, postgres);
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
            store.generation = store.ownership.claim(store.connection);
            store.incarnation = store.beginIncarnation();
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
            StoreSchema.prepare(connection, postgres, vatId);
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** How many times this store has been started, this start included. */
    long generation() {
        return generation;
    }

    /** The random number drawn for this start, committed before any letter carries it. */
    String incarnation() {
        return incarnation;
    }

    /** Draws this start's incarnation and commits it, so that the store says which start wrote it last. */
    private String beginIncarnation() throws SQLException {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        String drawn = HexFormat.of().formatHex(bytes);
        StoreMeta.put(connection, "incarnation", drawn);
        connection.commit();
        return drawn;
    }

    /** This server's epoch of ownership. */
    long epoch() {
        return ownership.epoch();
    }

    /** How long a lease lasts from its last renewal. */
    long leaseMillis() {
        return ownership.leaseMillis();
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
            ownership.guard(live(), false);
            long made = ownership.commitsMade(connection);
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
            ownership.guard(live(), false);
            live().commit();
        } catch (SQLException e) {
            throw failed("renew the lease", e);
        }
    }

    /** Meta value {@code name}, or {@code absent} if the store has none (made before it was kept). */
    long metaLong(String name, long absent) {
        try {
            String value = StoreMeta.read(live()).get(name);
            return value == null ? absent : Long.parseLong(value);
        } catch (SQLException e) {
            throw failed("read " + name, e);
        }
    }

    long metaLong(String name) {
        try {
            return Long.parseLong(StoreMeta.read(live()).get(name));
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
                "SELECT sender, last_seq, floor, sender_generation, incarnation, why FROM instreams"
                        + " LEFT JOIN instream_incarnations ON instream_incarnations.id = instreams.id"
                        + " LEFT JOIN stopped_instreams ON stopped_instreams.id = instreams.id WHERE instreams.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                InStream found = rs.next() ? new InStream(id, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5) == null ? "" : rs.getString(5), rs.getString(6)) : null;
                live().commit();
                return found;
            }
        } catch (SQLException e) {
            throw failed("read stream " + id, e);
        }
    }

    /** Every alarm stored, acknowledged or not, oldest first. */
    List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        try (Statement s = live().createStatement();
             ResultSet rs = s.executeQuery("SELECT id, subject, raised, what, repeats, acknowledged FROM alarms ORDER BY id")) {
            while (rs.next()) {
                alarms.add(new Alarm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6)));
            }
            live().commit();
        } catch (SQLException e) {
            throw failed("read the alarms", e);
        }
        return alarms;
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
            ownership.guard(c, true);
            BatchWriter.write(c, batch);
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
        if (connection != null) {
            ownership.release(connection);
        }
        closeConnection();
    }
}
