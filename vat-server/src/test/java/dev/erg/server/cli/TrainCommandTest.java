package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void callsTheSampleServicesInBurstsAndLeavesNoDataBehind() throws IOException {
        List<Path> before = scratchDirectories();

        CliRun run = CliRun.run(tmp, "train", "--seconds=1");

        assertThat(run.status()).as(run.toString()).isZero();
        Matcher trained = Pattern.compile("vat-server: trained on ([\\d,]+) calls in 1 s").matcher(run.err());
        assertThat(trained.find()).as(run.err()).isTrue();
        // At least one burst to each of the two sample services.
        assertThat(Long.parseLong(trained.group(1).replace(",", ""))).isGreaterThanOrEqualTo(2L * TrainCommand.BURST);
        assertThat(scratchDirectories()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesALengthOutOfRange() {
        CliRun run = CliRun.run(tmp, "train", "--seconds=0");

        assertThat(run.status()).isEqualTo(Cli.FAILED);
        assertThat(run.err()).contains("--seconds: 0 (expected: 1 to 600)");
    }

    @Test
    void theClientsHalfRefusesWhatItCannotCall() {
        CliRun garbled = CliRun.run(tmp, "train", "--seconds=1", "--client-of=counter=not-a-ref");
        assertThat(garbled.status()).isEqualTo(Cli.FAILED);
        assertThat(garbled.err()).contains("--client-of: ").contains("not-a-ref");

        CliRun unknown = CliRun.run(tmp, "train", "--seconds=1", "--client-of=ledger=not-a-ref");
        assertThat(unknown.status()).isEqualTo(Cli.FAILED);
        assertThat(unknown.err()).contains("--client-of: no service ledger to call");
    }

    private static List<Path> scratchDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("erg-train-")).toList();
        }
    }
}
