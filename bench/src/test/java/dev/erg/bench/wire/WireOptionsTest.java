package dev.erg.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireOptionsTest {

    @Test
    void noArgumentsGiveTheDefaults() {
        assertThat(WireOptions.parse(List.of())).isEqualTo(new WireOptions(5, 3, 2, 2_000, 200, false, null, Sender.THREAD));
    }

    @Test
    void readsEveryOption(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("benchmarks.jar"));
        assertThat(WireOptions.parse(List.of("9", "--warm-up=2", "--seconds=3", "--round-trips=5000", "--chains=50", "--perf",
                "--baseline=" + jar, "--from-answers")))
                .isEqualTo(new WireOptions(9, 2, 3, 5_000, 50, true, jar.toString(), Sender.ANSWERS));
    }

    @Test
    void rejectsABaselineThatCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("missing.jar");
        assertThatThrownBy(() -> WireOptions.parse(List.of("--baseline=" + missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--baseline: cannot read " + missing);
    }

    @Test
    void rejectsAnUnknownArgument() {
        assertThatThrownBy(() -> WireOptions.parse(List.of("--rounds=3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown argument: --rounds=3");
    }

    @Test
    void rejectsAValueThatIsNoNumber() {
        assertThatThrownBy(() -> WireOptions.parse(List.of("--seconds=two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--seconds must be a whole number from 1 to 600, not 'two'");
    }

    @Test
    void rejectsNumbersOutOfRange() {
        assertThatThrownBy(() -> WireOptions.parse(List.of("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rounds must be a whole number from 1 to 1000, not '0'");
        assertThatThrownBy(() -> WireOptions.parse(List.of("99999999999")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rounds must be a whole number from 1 to 1000, not '99999999999'");
        assertThatThrownBy(() -> WireOptions.parse(List.of("--chains=-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--chains must be a whole number from 1 to 1000000, not '-1'");
    }
}
