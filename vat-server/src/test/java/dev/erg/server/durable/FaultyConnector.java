package dev.erg.server.durable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections to a real store that fail on command, for the durable engine's failure paths:
 * a commit that fails, a commit made whose answer is lost, a store gone away and back.
 */
final class FaultyConnector implements Connector {

    private final Connector real;
    private final AtomicInteger failCommits = new AtomicInteger();
    private final AtomicInteger loseCommitAnswers = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean full;

    FaultyConnector(Storage storage) {
        this.real = Connector.of(storage);
    }

    /** The next commit fails without being made. */
    void failNextCommit() {
        failCommits.incrementAndGet();
    }

    /** The next commit is made, then fails as if the connection broke before its answer came. */
    void loseNextCommitAnswer() {
        loseCommitAnswers.incrementAndGet();
    }

    /** From now on, every connection fails and no new one opens. */
    void down() {
        down = true;
    }

    /** New connections open again. */
    void up() {
        down = false;
    }

    /**
     * SQLite only: from now on ({@code true}) the database may not grow by a page, as on a full
     * disk, or again may ({@code false}).
     */
    void full(boolean full) {
        this.full = full;
    }

    /** Connections opened so far. */
    int connects() {
        return connects.get();
    }

    @Override
    public Connection connect() throws SQLException {
        if (down) {
            throw new SQLException("Connection refused (a fault of the test)");
        }
        Connection connection = real.connect();
        connects.incrementAndGet();
        boolean[] limited = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (down && !name.equals("close") && !name.equals("isClosed")) {
                        throw new SQLException("An I/O error occurred while sending to the backend (a fault of the test)");
                    }
                    if (full != limited[0] && !name.equals("close") && !name.equals("isClosed")) {
                        limit(connection, full);
                        limited[0] = full;
                    }
                    if (name.equals("commit")) {
                        if (take(failCommits)) {
                            throw new SQLException("commit failed (a fault of the test)");
                        }
                        if (take(loseCommitAnswers)) {
                            connection.commit();
                            throw new SQLException("connection broke after the commit (a fault of the test)");
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** SQLite refuses to grow a database past max_page_count with SQLITE_FULL, as when the disk is full. */
    private static void limit(Connection connection, boolean full) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long pages;
            try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                pages = rs.getLong(1);
            }
            s.execute("PRAGMA max_page_count = " + (full ? pages : Integer.MAX_VALUE));
        }
    }

    private static boolean take(AtomicInteger count) {
        return count.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
