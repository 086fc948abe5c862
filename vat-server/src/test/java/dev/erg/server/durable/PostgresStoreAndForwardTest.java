package dev.erg.server.durable;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store-and-forward tests with both servers' durable stores on PostgreSQL, one schema per
 * vat in one database, with 600 letters where SQLite has 3,000: letters wait through stops and restarts of either side and arrive once,
 * in order, with every receipt stored.
 */
class PostgresStoreAndForwardTest extends StoreAndForwardTest {

    @TempDir
    static Path postgresDir;

    private static PostgresCluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start(postgresDir.resolve("postgres"));
    }

    @AfterAll
    static void stopPostgres() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Fewer letters than on SQLite: what is tested is the same, and a commit costs more here. */
    @Override
    int perBatch() {
        return 100;
    }

    @Override
    String storage() {
        return "storage = " + cluster.jdbcUrl() + "\nstorage.user = " + cluster.user() + "\nstorage.password = "
                + cluster.password() + "\n";
    }
}
