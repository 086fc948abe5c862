package dev.erg.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.confine.VatMaker;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.services.Counter;
import dev.erg.server.spawn.ConfinedBundles;
import dev.erg.server.spawn.ConfinedVats;
import dev.erg.server.spawn.Plugins;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bundles spawned in worker processes: the server keeps the jar and hands it to the worker,
 * which verifies, meters and confines it itself; a vat there that runs out of computrons ends
 * its worker.
 */
class BundleWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String COUNTER = Counter.class.getName();

    private final VatRuntime runtime = VatRuntime.create();
    private Workers workers;
    private Node node;
    private Vat home;
    private VatMaker maker;

    private void start() throws Exception {
        node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty());
        workers = new Workers(node, WorkerLimits.defaults());
        home = runtime.newVat("vat-maker");
        RootMakers makers = RootMakers.load();
        maker = home.export(new SpawnService(home, makers, runtime::newVat, Optional.of(workers),
                Optional.of(ConfinedBundles.of(runtime, makers, new ConfinedVats())),
                new SpawnQuota(2, 1 << 20), root -> "captp://root"), VatMaker.class);
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
    void aBundleRunsConfinedInAWorkerAndOneThatLoopsEndsItsWorker() throws Exception {
        start();
        String tallyHash = maker.upload(Plugins.tally()).join(WAIT);
        String loopHash = maker.upload(Plugins.looping()).join(WAIT);

        Object tally = maker.spawnBundle(tallyHash, COUNTER, List.of(40L), true).join(WAIT);
        assertThat(Ref.send(tally, "increment", 2L).join(WAIT)).isEqualTo(42L);
        Object loop = maker.spawnBundle(loopHash, COUNTER, List.of(), true).join(WAIT);
        assertThat(workers.statuses()).hasSize(2).allSatisfy(status ->
                assertThat(status.pid()).isNotEqualTo(ProcessHandle.current().pid()));

        Problem ended = new Problem(Problem.VAT_SHUT_DOWN, "vat spawned-2-" + loopHash.substring(0, 12)
                + " terminated: used more than 100000000 computrons in one turn");
        CompletableFuture<Problem> heard = new CompletableFuture<>();
        home.run(() -> Ref.monitor(loop, heard::complete));
        Problem spun = problemOf(Ref.send(loop, "increment", 1L));
        assertThat(spun.message()).as(spun.toString()).contains("computrons in one turn");
        assertThat(heard.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a monitor hears without calling, as in-process")
                .isEqualTo(ended);
        assertThat(problemOf(Ref.send(loop, "value"))).isEqualTo(ended);
        Object next = maker.spawnBundle(tallyHash, COUNTER, List.of(1L), true).join(WAIT);
        assertThat(Ref.send(next, "value").join(WAIT)).as("the vat ended gave its place back at once").isEqualTo(1L);

        awaitEnded(1);
        assertThat(workers.statuses()).filteredOn(status -> status.state().equals("ended")).singleElement()
                .satisfies(status -> assertThat(status.detail()).startsWith("killed: its vat ended: "));
        assertThat(Ref.send(tally, "value").join(WAIT)).as("the other worker's vat answers").isEqualTo(42L);
    }

    @Test
    void whenAWorkerIsKilledReferencesToItsVatBreakAtOnceSayingWhy() throws Exception {
        start();
        String tallyHash = maker.upload(Plugins.tally()).join(WAIT);
        Object tally = maker.spawnBundle(tallyHash, COUNTER, List.of(), true).join(WAIT);
        CompletableFuture<Problem> heard = new CompletableFuture<>();
        home.run(() -> Ref.monitor(tally, heard::complete));

        ProcessHandle.of(workers.statuses().getFirst().pid()).orElseThrow().destroyForcibly();
        Problem gone = heard.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(gone.kind()).isEqualTo(Problem.VAT_SHUT_DOWN);
        assertThat(gone.message()).startsWith("vat spawned-1-" + tallyHash.substring(0, 12)
                + " terminated: its worker ended (exited with status ");
        assertThat(problemOf(Ref.send(tally, "value"))).isEqualTo(gone);
    }

    private void awaitEnded(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (workers.statuses().stream().filter(s -> s.state().equals("ended")).count() < count
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static Problem problemOf(Promise<?> answer) {
        try {
            answer.join(WAIT);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("not broken: " + answer);
    }
}
