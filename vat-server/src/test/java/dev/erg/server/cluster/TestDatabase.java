package dev.erg.server.cluster;

import dev.erg.server.durable.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database in a test's PostgreSQL server, so that each test's cluster starts empty. */
public final class TestDatabase {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final PostgresCluster server;
    private final String url;

    private TestDatabase(PostgresCluster server, String url) {
        this.server = server;
        this.url = url;
    }

    /** Makes a new, empty database in {@code server}. */
    public static TestDatabase fresh(PostgresCluster server) throws SQLException {
        String name = "cluster_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String base = server.jdbcUrl();
        return new TestDatabase(server, base.substring(0, base.lastIndexOf('/') + 1) + name);
    }

    public String url() {
        return url;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** A new connection of the cluster's own, as another server would have. */
    public ClusterStore store() {
        return ClusterStore.open(url, server.user(), server.password());
    }

    /** A plain connection, to look at the tables. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, server.user(), server.password());
    }
}
