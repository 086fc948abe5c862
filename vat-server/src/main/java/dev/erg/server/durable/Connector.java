package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to a store: at start, and again after one was lost. */
@FunctionalInterface
interface Connector {

    /** A new connection. */
    Connection connect() throws SQLException;

    /** Connections to {@code storage} through its JDBC driver. */
    static Connector of(Storage storage) {
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
            // A store that stops answering is a fault to recover from, not a wait without end.
            props.setProperty("connectTimeout", "10");
            props.setProperty("socketTimeout", "60");
            props.setProperty("tcpKeepAlive", "true");
        }
        return () -> DriverManager.getConnection(storage.url(), props);
    }
}
