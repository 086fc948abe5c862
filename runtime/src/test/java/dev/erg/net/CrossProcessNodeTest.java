package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CapTP between two JVM processes: calls, pipelining, and the server's death made visible. */
class CrossProcessNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aProgramUsesAnObjectInAnotherProcessAndSeesItGo() throws Exception {
        Process server = new ProcessBuilder(List.of(ProbeProcess.javaExecutable(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", ProbeProcess.testClassPath(), CounterServer.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (VatRuntime runtime = VatRuntime.create();
             Node client = Node.start(Peers.identity(41), runtime, NetConfig.defaults(), PassableRegistry.empty())) {
            String ready = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ready).startsWith("READY captp://");
            SturdyRef ref = SturdyRef.parse(ready.substring("READY ".length()));

            NodeTest.Counter counter = client.connect(ref, NodeTest.Counter.class).join(WAIT);
            assertThat(counter.increment(2).join(WAIT)).isEqualTo(2L);
            NodeTest.Counter fork = counter.fork().as(NodeTest.Counter.class);
            assertThat(fork.increment(40).join(WAIT)).isEqualTo(42L);

            server.destroyForcibly();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (Ref.kind(counter) != RefKind.BROKEN && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Promise<Long> after = counter.increment(1);
            Problem lost = null;
            try {
                after.join(WAIT);
            } catch (ProblemException e) {
                lost = e.problem();
            }
            assertThat(lost).isNotNull();
            assertThat(lost.kind()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(lost.message()).contains(ref.vatId().toString());
        } finally {
            server.destroyForcibly();
        }
    }
}
