package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.admin.ConfinedVatStatus;
import dev.erg.server.admin.ServerStatus;
import dev.erg.server.worker.WorkerStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    private static String printed(ServerStatus status) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusCommand.print(status, OptionalLong.of(42), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ServerStatus status(List<WorkerStatus> workers, List<ConfinedVatStatus> confined) {
        return new ServerStatus("vat1", "127.0.0.1:7700", 5, 1, 2, List.of(), 1, 0, List.of(), List.of(), "up",
                workers, confined);
    }

    @Test
    void listsEachWorkerAndEachConfinedVat() {
        String text = printed(status(
                List.of(new WorkerStatus(1, 4001, "running", "", List.of("bundle 0123456789ab"), 384, 1_250, 600_000),
                        new WorkerStatus(2, 4002, "spare", "", List.of(), 256, 0, 600_000),
                        new WorkerStatus(3, 4003, "ended", "killed: over its CPU limit of 2.0 s (used 2.1 s)",
                                List.of("maker spinner"), 256, 2_100, 2_000)),
                List.of(new ConfinedVatStatus("spawned-1-0123456789ab", 12_345, 10_000_000_000L, 100_000_000, 3))));

        assertThat(text.lines()).contains(
                "WORKER   PID      STATE     HEAP MB  CPU S USED/MAX  VATS",
                "1        4001     running       384         1.3/600  bundle 0123456789ab",
                "2        4002     spare         256         0.0/600  -",
                "3        4003     ended         256           2.1/2  maker spinner (killed: over its CPU limit of 2.0 s"
                        + " (used 2.1 s))",
                "CONFINED VAT                       COMPUTRONS USED/BUDGET   PER TURN  PENDING",
                "spawned-1-0123456789ab                  12345/10000000000  100000000        3");
    }

    @Test
    void aServerWithNoWorkersOrConfinedVatsPrintsNeitherTable() {
        String text = printed(status(List.of(), List.of()));
        assertThat(text).doesNotContain("WORKER", "CONFINED VAT").contains("store     up");
    }
}
