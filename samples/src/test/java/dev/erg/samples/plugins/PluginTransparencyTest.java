package dev.erg.samples.plugins;

import static dev.erg.samples.plugins.SpawnTransparencyTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.VatMaker;
import dev.erg.samples.transparency.SturdyTable;
import dev.erg.server.spawn.BundleStore;
import dev.erg.server.spawn.ConfinedBundles;
import dev.erg.server.spawn.ConfinedVats;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.SpawnLimits;
import dev.erg.server.spawn.SpawnPolicy;
import dev.erg.server.spawn.SpawnQuota;
import dev.erg.server.spawn.SpawnService;
import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Outcome;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plugin host's story through the transparency harness: a client uploads scorers to a
 * server's {@link VatMaker}, spawns them in confined vats and calls them; one that never ends
 * is stopped, and the client, which watches its reference without calling it again, hears why
 * and spawns again at once in the place it gave back. In one JVM, with the client and the
 * server each behind its own node over TLS, and on the deterministic scheduler, alike.
 */
class PluginTransparencyTest {

    private static final String STORY = SpawnTransparencyTest.STORY;
    private static final String WATCH = "watch";
    private static final String SCORER = Scorer.class.getName();
    private static final Map<String, List<Long>> RATED = Map.of(
            "lamp", List.of(5L, 4L, 4L, 1L),
            "clock", List.of(3L, 5L, 3L));
    private static final byte[] TRIMMED = PluginHostTest.plugin("TrimmedMeanScorer");
    private static final byte[] GREEDY = PluginHostTest.plugin("GreedyScorer");

    private static final Scenario PLUGINS = Scenario.of("plugins: confined scorers spawned, called and stopped",
            (w, out) -> {
        RootMakers makers = RootMakers.of(List.of(new RatingsMaker(), new MeanScorerMaker()));
        SturdyTable refs = new SturdyTable("server");
        SpawnService service = new SpawnService(w.vat("server"), makers, w::vat, Optional.empty(),
                Optional.of(ConfinedBundles.of(w::vat, makers, new ConfinedVats())), new SpawnQuota(3, 1 << 20),
                SpawnPolicy.of(SpawnLimits.defaults().with(SpawnLimits.COMPUTRONS_TURN, 1_000_000)
                        .with(SpawnLimits.COMPUTRONS_VAT, 100_000_000)),
                BundleStore.inMemory(1 << 20), root -> refs.sturdyRef(root).toString());
        VatMaker maker = w.share("server", service, VatMaker.class, "client");
        return w.vat("client").callPromise(() -> maker.spawnMaker("ratings", List.of(RATED), false)
                .thenCompose(ratings -> maker.upload(TRIMMED).thenCompose(trimmed ->
                        maker.spawnBundle(trimmed, SCORER, List.of(ratings), false)
                                .thenCompose(scorer -> step(out, Ref.send(scorer, "score", "lamp")))
                                .thenCompose(x -> maker.upload(GREEDY))
                                .thenCompose(greedy -> maker.spawnBundle(greedy, SCORER, List.of(), false))
                                .thenCompose(hog -> {
                                    Promise<String> heard = watch(out, hog);
                                    return step(out, Ref.send(hog, "score", "lamp"))
                                            .thenCompose(x -> heard)
                                            .thenCompose(x -> step(out, Ref.send(hog, "score", "clock")));
                                })
                                .thenCompose(x -> maker.spawnBundle(trimmed, SCORER, List.of(ratings), false))
                                .thenCompose(again -> step(out, Ref.send(again, "score", "clock"))))));
    });

    /** Records in {@value #WATCH} the problem {@code ref} breaks with, told without a call; fulfilled then. */
    private static Promise<String> watch(Outcome out, Object ref) {
        Deferred<String> heard = Promise.defer();
        Ref.monitor(ref, problem -> {
            out.add(WATCH, "broken " + problem);
            heard.resolver().resolve(problem.kind());
        });
        return heard.promise();
    }

    @Test
    void confinedPluginsAnswerAndAreStoppedAlikeInOneJvmAndOverTls() {
        try (Harness harness = new Harness(List.of(PLUGINS))) {
            Verdict verdict = harness.check(PLUGINS);

            Outcome local = verdict.outcomes().get(Mode.LOCAL);
            String greedyVat = "vat spawned-3-" + hash(GREEDY);
            assertThat(local.lines(STORY)).containsExactly(
                    "fulfilled Long 400",
                    "broken Exception: OutOfComputrons: used more than 1000000 computrons in one turn",
                    "broken VatShutDown: " + greedyVat + " terminated: used more than 1000000 computrons in one turn",
                    "fulfilled Long 300");
            assertThat(local.lines(WATCH)).containsExactly(
                    "broken VatShutDown: " + greedyVat + " terminated: used more than 1000000 computrons in one turn");
            Transparency.require(verdict);
        }
    }

    /** The first 12 hex digits of the SHA-256 of {@code jar}: how the vat maker names its vats. */
    private static String hash(byte[] jar) {
        try {
            return Bundle.ofJar(jar).hash().substring(0, 12);
        } catch (BundleRejectedException e) {
            throw new AssertionError(e);
        }
    }
}
