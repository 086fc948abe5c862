package dev.erg.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.stream.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {

    @Test
    void noArgumentsGiveTheFullRun() {
        assertThat(StreamOptions.parse(List.of())).isEqualTo(new StreamOptions(5, 6, 1L << 30, 64 << 10,
                List.of(Window.defaults(), Window.fixed(16_384, 64L << 20)), 3, 1_000, 2, 5, false));
    }

    @Test
    void quickIsBoundedAndTheOthersOverrideIt() {
        assertThat(StreamOptions.parse(List.of("--quick"))).isEqualTo(new StreamOptions(1, 0, 16L << 20, 64 << 10,
                List.of(Window.defaults(), Window.fixed(16_384, 64L << 20)), 1, 50, 1, 1, false));
        assertThat(StreamOptions.parse(List.of("--quick", "3", "--warm-up=2", "--windows=default,8M", "--streams=20")))
                .isEqualTo(new StreamOptions(3, 2, 16L << 20, 64 << 10,
                        List.of(Window.defaults(), Window.fixed(16_384, 8L << 20)), 1, 20, 1, 1, false));
    }

    @Test
    void bulkOnlyKeepsTheOtherSettings() {
        assertThat(StreamOptions.parse(List.of("--bulk-only", "3", "--windows=default")))
                .isEqualTo(new StreamOptions(3, 6, 1L << 30, 64 << 10, List.of(Window.defaults()), 3, 1_000, 2, 5, true));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> StreamOptions.parse(List.of("--windows=big"))).hasMessageContaining("'big'");
        assertThatThrownBy(() -> StreamOptions.parse(List.of("--streams=0"))).hasMessageContaining("from 1");
        assertThatThrownBy(() -> StreamOptions.parse(List.of("--fast"))).hasMessageContaining("unknown argument");
    }
}
