package dev.erg.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.VatMaker;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.SpawnQuota;
import dev.erg.server.spawn.SpawnService;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Vats spawned in worker processes: they run in another process, a killed worker breaks every
 * reference into it with {@code VatShutDown} saying why and is reported, and a worker over its
 * CPU time is killed.
 */
class WorkersTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final VatRuntime runtime = VatRuntime.create();
    private Workers workers;
    private Node node;

    private VatMaker vatMaker(WorkerLimits limits) throws Exception {
        node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty());
        workers = new Workers(node, limits);
        Vat home = runtime.newVat("vat-maker");
        return home.export(new SpawnService(home, RootMakers.load(), runtime::newVat, Optional.of(workers),
                Optional.empty(), new SpawnQuota(1, 0), root -> "captp://root"), VatMaker.class);
    }

    @AfterEach
    void close() {
        if (workers != null) {
            workers.close();
        }
        if (node != null) {
            node.close();
        }
        runtime.close();
    }

    @Test
    void aVatSpawnedInAWorkerRunsInAnotherProcess() throws Exception {
        VatMaker maker = vatMaker(WorkerLimits.defaults());

        Object counter = maker.spawnMaker("counter", List.of(1L), true).join(WAIT);
        assertThat(Ref.send(counter, "increment", 41L).join(WAIT)).isEqualTo(42L);

        assertThat(workers.statuses()).singleElement().satisfies(status -> {
            assertThat(status.state()).isEqualTo("running");
            assertThat(status.pid()).isNotEqualTo(ProcessHandle.current().pid());
        });
        assertProblem(maker.spawnMaker("counter", List.of(), true), VatMaker.QUOTA_EXCEEDED, "1 vats are running");
    }

    @Test
    void killingAWorkerBreaksItsReferencesSayingWhyAndIsReported() throws Exception {
        VatMaker maker = vatMaker(WorkerLimits.defaults());
        Object spinner = maker.spawnMaker("spinner", List.of(), true).join(WAIT);
        long pid = (Long) Ref.send(spinner, "pid").join(WAIT);
        Promise<Object> pending = Ref.send(spinner, "spin", 600_000L);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        String ended = "vat spawned-1-spinner terminated: its worker ended (exited with status 137)";
        assertProblem(pending, Problem.VAT_SHUT_DOWN, ended);
        assertProblem(Ref.send(spinner, "pid"), Problem.VAT_SHUT_DOWN, ended);
        awaitEnded();
        assertThat(workers.statuses()).singleElement().satisfies(status -> {
            assertThat(status.pid()).isEqualTo(pid);
            assertThat(status.detail()).isEqualTo("exited with status 137");
        });
        Object again = maker.spawnMaker("spinner", List.of(), true).join(WAIT);
        assertThat((Long) Ref.send(again, "pid").join(WAIT)).as("the quota counts only live vats").isNotEqualTo(pid);
    }

    @Test
    void aWorkerOverItsCpuTimeIsKilled() throws Exception {
        VatMaker maker = vatMaker(WorkerLimits.defaults().withCpu(Duration.ofSeconds(2)));
        Object spinner = maker.spawnMaker("spinner", List.of(), true).join(WAIT);

        assertProblem(Ref.send(spinner, "spin", 600_000L), Problem.VAT_SHUT_DOWN,
                "vat spawned-1-spinner terminated: its worker ended (killed: over its CPU limit of 2.0 s (used ");
        awaitEnded();
        assertThat(workers.statuses()).singleElement().satisfies(status ->
                assertThat(status.detail()).startsWith("killed: over its CPU limit of 2.0 s (used "));
    }

    private void awaitEnded() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (workers.statuses().stream().anyMatch(s -> !s.state().equals("ended")) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void assertProblem(Promise<?> answer, String kind, String messageStart) {
        assertThatThrownBy(() -> answer.join(WAIT)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().kind()).as(e.problem().toString()).isEqualTo(kind);
            assertThat(e.problem().message()).startsWith(messageStart);
        });
    }
}
