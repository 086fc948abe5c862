package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresClusterTest {

    @TempDir
    Path tmp;

    @Test
    void aCommittedRowIsReadBackAndClosingFreesThePort() throws Exception {
        roundTrip(PostgresCluster.start(tmp.resolve("pg")));
    }

    /** The fallback for machines without PostgreSQL, used here even if this one has it. */
    @Test
    void theEmbeddedBinariesServeTheSame() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(tmp.resolve("pg"), true)) {
            try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), cluster.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW server_version")) {
                assertThat(rows.next()).isTrue();
                // The artifact's version is the server's followed by a build number of its own.
                assertThat(EmbeddedPostgres.version()).startsWith(rows.getString(1) + ".");
            }
            roundTrip(cluster);
        }
    }

    /** Writes and reads back a row, closes the cluster and checks its port is free; closing it again does nothing. */
    private static void roundTrip(PostgresCluster started) throws Exception {
        int port;
        try (PostgresCluster cluster = started) {
            port = cluster.port();
            try (Connection writer = DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), cluster.password())) {
                writer.setAutoCommit(false);
                try (Statement statement = writer.createStatement()) {
                    statement.execute("CREATE TABLE note (id int PRIMARY KEY, text varchar NOT NULL)");
                }
                try (PreparedStatement insert = writer.prepareStatement("INSERT INTO note VALUES (?, ?)")) {
                    insert.setInt(1, 7);
                    insert.setString(2, "kept");
                    insert.executeUpdate();
                }
                writer.commit();
            }
            // A second connection sees the row only if the transaction committed.
            try (Connection reader = DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), cluster.password());
                    Statement statement = reader.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id, text FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt("id")).isEqualTo(7);
                assertThat(rows.getString("text")).isEqualTo("kept");
                assertThat(rows.next()).isFalse();
            }
            assertThat(accepts(port)).isTrue();
        }
        assertThatThrownBy(() -> accepts(port)).isInstanceOf(ConnectException.class);
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return socket.isConnected();
        }
    }
}
