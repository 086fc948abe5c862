package dev.erg.server.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.Limits;
import dev.erg.confine.VatMaker;
import dev.erg.server.services.Counter;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bundles uploaded to a vat maker and run in confined vats of the server's process. */
class BundleSpawnTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COUNTER = Counter.class.getName();

    private final VatRuntime runtime = VatRuntime.create();
    private final Vat home = runtime.newVat("vat-maker");
    private final CountingRunner runner = new CountingRunner(
            ConfinedBundles.of(runtime, RootMakers.load(), new ConfinedVats()));
    private final VatMaker maker = home.export(new SpawnService(home, RootMakers.load(), runtime::newVat,
            Optional.empty(), Optional.of(runner), new SpawnQuota(2, 1 << 20),
            SpawnPolicy.of(SpawnLimits.defaults().with(SpawnLimits.COMPUTRONS_TURN, 1_000_000)
                    .with(SpawnLimits.COMPUTRONS_VAT, 100_000_000)),
            BundleStore.inMemory(1 << 20), root -> "captp://root"), VatMaker.class);

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aBundleThatBreaksTheRulesIsRefusedWithItsViolationsListed() {
        assertThatThrownBy(() -> maker.upload(Plugins.rogue(12)).join(WAIT)).isInstanceOfSatisfying(
                ProblemException.class, e -> {
                    // Two in each of the 12 methods, and an entry class that is no VatEntry.
                    Problem problem = e.problem();
                    assertThat(problem.kind()).isEqualTo(VatMaker.BUNDLE_REJECTED);
                    assertThat(problem.message()).matches("bundle [0-9a-f]{12}: 25 violations: .*; and 5 more")
                            .contains("plug.Rogue.escape0()V @", "java.lang.System.exit", "java.lang.System.getenv");
                });
        assertThatThrownBy(() -> maker.upload(new byte[] {1, 2, 3}).join(WAIT)).isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.problem().toString())
                        .startsWith("BundleRejected: bundle ").contains("malformed"));
    }

    @Test
    void anAllowedBundleRunsConfinedAndIsVerifiedOnce() {
        byte[] jar = Plugins.tally();
        String hash = maker.upload(jar).join(WAIT);
        assertThat(maker.upload(jar.clone()).join(WAIT)).as("the same jar again").isEqualTo(hash);
        assertThat(runner.verified.get()).as("verified once").isEqualTo(1);

        assertProblem(maker.spawnBundle(hash, COUNTER, List.of(), true), VatMaker.NOT_OFFERED,
                "this server starts no workers");
        assertProblem(maker.spawnBundle(hash, COUNTER, List.of("ten"), false), "BadEntry", "");
        Object tally = maker.spawnBundle(hash, COUNTER, List.of(40L), false).join(WAIT);
        assertThat(Ref.send(tally, "increment", 2L).join(WAIT)).isEqualTo(42L);
        Object other = maker.spawnBundle(hash, COUNTER, List.of(), false).join(WAIT);
        assertThat(Ref.send(other, "value").join(WAIT)).as("a vat of its own").isEqualTo(0L);
        assertThat(maker.sturdyRef(tally).join(WAIT)).isEqualTo("captp://root");

        assertProblem(maker.spawnBundle(hash, "java.lang.Runnable", List.of(), false), VatMaker.UNKNOWN_INTERFACE,
                "java.lang.Runnable is not a root interface this server registered (registered: counter: "
                        + COUNTER);
    }

    @Test
    void aBundleThatLoopsIsTerminatedWhileTheServersOtherVatsGoOn() throws Exception {
        String tallyHash = maker.upload(Plugins.tally()).join(WAIT);
        String loopHash = maker.upload(Plugins.looping()).join(WAIT);
        Object tally = maker.spawnBundle(tallyHash, COUNTER, List.of(1L), false).join(WAIT);
        Object loop = maker.spawnBundle(loopHash, COUNTER, List.of(), false).join(WAIT);

        Problem ended = new Problem(Problem.VAT_SHUT_DOWN, "vat spawned-2-" + loopHash.substring(0, 12)
                + " terminated: used more than 1000000 computrons in one turn");
        CompletableFuture<Problem> heard = new CompletableFuture<>();
        CompletableFuture<Promise<Object>> overrun = new CompletableFuture<>();
        // Sent in one turn, so E-order queues the second call behind the one that overruns.
        Promise<Object> queued = home.callPromise(() -> {
            Ref.monitor(loop, heard::complete);
            overrun.complete(Ref.send(loop, "increment", 1L));
            return Ref.send(loop, "value");
        });
        assertProblem(overrun.get(WAIT.toSeconds(), TimeUnit.SECONDS), "Exception",
                "OutOfComputrons: used more than 1000000 computrons in one turn");
        assertThat(heard.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a monitor hears without calling").isEqualTo(ended);
        assertThat(problemOf(queued)).as("a call queued behind the overrun").isEqualTo(ended);
        assertThat(Ref.problem(loop)).isEqualTo(ended);

        Object next = maker.spawnBundle(tallyHash, COUNTER, List.of(), false).join(WAIT);
        assertThat(Ref.send(next, "value").join(WAIT)).as("the vat ended gave its place back at once").isEqualTo(0L);
        assertThat(Ref.send(tally, "increment", 1L).join(WAIT)).as("the neighbour answers").isEqualTo(2L);
    }

    private static Problem problemOf(Promise<?> answer) {
        try {
            answer.join(WAIT);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("not broken: " + answer);
    }

    private static void assertProblem(Promise<?> answer, String kind, String messageStart) {
        Problem problem = problemOf(answer);
        assertThat(problem.kind()).as(problem.toString()).isEqualTo(kind);
        assertThat(problem.message()).startsWith(messageStart);
    }

    /** A runner that counts the bundles it was asked to verify. */
    private static final class CountingRunner implements BundleRunner {
        private final BundleRunner runner;
        private final AtomicInteger verified = new AtomicInteger();

        CountingRunner(BundleRunner runner) {
            this.runner = runner;
        }

        @Override
        public void verify(Bundle bundle) throws BundleRejectedException {
            verified.incrementAndGet();
            runner.verify(bundle);
        }

        @Override
        public Promise<Object> spawn(String vatName, Bundle bundle, Class<?> root, List<Object> args, Limits limits,
                                     Consumer<String> whenEnding) throws BundleRejectedException {
            return runner.spawn(vatName, bundle, root, args, limits, whenEnding);
        }
    }
}
