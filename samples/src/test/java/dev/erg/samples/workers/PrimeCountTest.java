package dev.erg.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three worker processes; one is killed with SIGKILL mid-run; the count is still exact. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PrimeCountTest {

    @TempDir
    Path tmp;

    @Test
    void aWorkerKilledMidRunHasItsRangesCountedByTheOthers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JobResult result = PrimeCount.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(result.primes()).as(story).isEqualTo(PrimeCount.KNOWN);
        assertThat(result.lost()).containsExactly("worker-2");
        assertThat(result.reassigned()).as("the victim was counting when it was killed").isNotEmpty();
        assertThat(result.counted().get("worker-2")).as("it answered before it was killed").isPositive();
        assertThat(result.counted().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PrimeCount.RANGES);
        assertThat(story).contains("SIGKILL to worker-2", "worker-2 lost: Unavailable: ",
                "worker-1 stops on SIGTERM: exit status 0.", "worker-3 stops on SIGTERM: exit status 0.");
    }
}
