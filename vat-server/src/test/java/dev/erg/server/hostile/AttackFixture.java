package dev.erg.server.hostile;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server on its default configuration for a whole attack class, a neighbour calling it
 * through each attack, and, after each, a check that the server still serves a fresh client.
 */
abstract class AttackFixture {

    @TempDir
    static Path tmp;

    static HostileServer server;
    Neighbour neighbour;

    @BeforeAll
    static void start() throws Exception {
        server = HostileServer.start(tmp.resolve("server"), "");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void neighbour() throws Exception {
        neighbour = Neighbour.beside(server);
    }

    @AfterEach
    void healthy() throws Exception {
        server.assertHealthy();
        neighbour.close();
    }
}
