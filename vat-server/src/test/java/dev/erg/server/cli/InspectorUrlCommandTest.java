package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorUrlCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsTheUrlTheRunningServerPrintedAtStart() throws Exception {
        CliRun.run(tmp, "init", "data");
        Path config = tmp.resolve("data/erg-server.conf");
        Files.writeString(config, Files.readString(config).replaceFirst("(?m)^listen = .*$", "listen = 127.0.0.1:0")
                + "inspector.port = 0\n");
        CliRun idle = CliRun.run(tmp, "inspector-url", "--data", "data");
        assertThat(idle.status()).isEqualTo(Cli.FAILED);
        assertThat(idle.err()).startsWith("vat-server: no vat-server is running on ");

        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            CliRun asked = CliRun.run(tmp, "inspector-url", "--data", "data");
            assertThat(asked.status()).as(asked.toString()).isZero();
            String url = asked.out().strip();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/inspector/[A-Za-z0-9_-]{43}/");
            assertThat(server.err()).contains("inspector: " + url + "\n");
        } finally {
            assertThat(server.stop()).isZero();
        }
    }
}
