package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.durable.Alarm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listsAndAcknowledgesThroughTheRunningServer() throws Exception {
        CliRun.run(tmp, "init", "data");
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            CliRun list = CliRun.run(tmp, "alarms", "list", "--data", "data");
            assertThat(list.status()).as(list.toString()).isZero();
            assertThat(list.out()).isEqualTo("no open alarms\n");
            assertThat(CliRun.run(tmp, "alarms", "list", "--all", "--data", "data").out()).isEqualTo("no alarms\n");
            CliRun ack = CliRun.run(tmp, "alarms", "ack", "7", "--data", "data");
            assertThat(ack.status()).isEqualTo(Cli.FAILED);
            assertThat(ack.err()).isEqualTo("vat-server: no open alarm 7 (acknowledged already, or never raised)\n");
            assertThat(CliRun.run(tmp, "alarms", "ack", "--data", "data").status()).as("an id is required").isEqualTo(2);
        } finally {
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void eachAlarmIsOneLineWithItsNumber() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlarmsCommand.print(List.of(new Alarm(3, "stream ab", "2026-12-04T10:00:00Z", "letter 6 refused", 2, ""),
                new Alarm(4, "store", "2026-12-04T11:00:00Z", "durable store lost", 0, "2026-12-04T12:00:00Z")), true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                3      2026-12-04T10:00:00Z letter 6 refused (raised 3 times)
                4      2026-12-04T11:00:00Z durable store lost [acknowledged 2026-12-04T12:00:00Z]
                """);
    }
}
