package dev.erg.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerCpuTest {

    @Test
    void countsThisJvmsCompilersAndNothingForAProcessThatIsNot() {
        long before = CompilerCpu.nanos(ProcessHandle.current().pid());

        assertThat(before).isNotNegative().isEqualTo(before / 10_000_000L * 10_000_000L);
        assertThat(CompilerCpu.nanos(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(before);
        assertThat(CompilerCpu.nanos(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
