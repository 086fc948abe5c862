package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vat-server run} with an OCapN listener prints its locator at start, and a bad netlayer stops the start. */
class OcapnLocatorPrintedTest {

    @TempDir
    Path tmp;

    private Path init() throws Exception {
        CliRun.run(tmp, "init", "data");
        return tmp.resolve("data/erg-server.conf");
    }

    @Test
    void theLocatorIsPrintedAtStart() throws Exception {
        Path config = init();
        Files.writeString(config, Files.readString(config).replaceFirst("(?m)^listen = .*$", "listen = 127.0.0.1:0")
                + "ocapn.listen = 127.0.0.1:0\nocapn.interop = on\n");
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!server.err().contains("ocapn: ") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.err()).containsPattern(
                    "ocapn: ocapn://[0-9a-f]{32}\\.tcp-testing-only\\?host=127\\.0\\.0\\.1&port=\\d+\n");
        } finally {
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void anotherNetlayerStopsTheStartNamingTheKey() throws Exception {
        Path config = init();
        Files.writeString(config, Files.readString(config) + "ocapn.listen = 127.0.0.1:0\nocapn.netlayer = onion\n");
        CliRun run = CliRun.run(tmp, "run", "--data", "data");
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("ocapn.netlayer: expected one of tcp-testing-only, found \"onion\"");
    }
}
