package dev.erg.samples.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.confine.VatMaker;
import dev.erg.confine.testkit.BundleCompiler;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.spawn.VatMakerService;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Ref;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin host: a client uploads scoring functions (bundles compiled from the sources beside
 * this test) to a vat-server it reaches over TLS, and
 * spawns them there with the one capability they may use, a read-only {@link Ratings}. A
 * plugin that reaches for a file is refused at upload; one that never ends is stopped, and the
 * others go on.
 */
class PluginHostTest {

    private static final String SCORER = Scorer.class.getName();
    private static final Map<String, List<Long>> RATED = Map.of(
            "lamp", List.of(5L, 4L, 4L, 1L),
            "clock", List.of(3L, 5L, 3L));

    @TempDir
    Path tmp;

    private VatServer server;
    private CapTpClient client;
    private VatMaker host;

    @BeforeEach
    void start() throws Exception {
        server = VatServer.start(DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.plugins = vat-maker\n",
                null), null, ServiceRegistry.of(List.of(new VatMakerService())));
        client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(60));
        host = client.connect(server.services().getFirst().sturdyRef(), VatMaker.class);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void uploadedScorersSeeOnlyTheRatingsTheyAreGivenAndAGreedyOneIsStopped() {
        Object ratings = client.await(host.spawnMaker("ratings", List.of(RATED), false));
        Object mean = client.await(host.spawnMaker("mean-scorer", List.of(ratings), false));
        assertThat(score(mean, "lamp")).as("the host's own scorer").isEqualTo(350L);

        String trimmed = client.await(host.upload(plugin("TrimmedMeanScorer")));
        Object scorer = client.await(host.spawnBundle(trimmed, SCORER, List.of(ratings), false));
        assertThat(score(scorer, "lamp")).isEqualTo(400L);
        assertThat(score(scorer, "clock")).isEqualTo(300L);
        assertThat(score(scorer, "kettle")).as("an item without ratings").isZero();

        Problem snooping = problemOf(() -> client.await(host.upload(plugin("SnoopingScorer"))));
        assertThat(snooping.kind()).isEqualTo(VatMaker.BUNDLE_REJECTED);
        assertThat(snooping.message()).contains(
                "com.example.scoring.SnoopingScorer.score(Ljava/lang/String;)Ldev/erg/vat/Promise;",
                "calls java.nio.file.Files.readString(java.nio.file.Path): not on the allow-list",
                "calls java.lang.System.getenv(): not on the allow-list");

        String greedy = client.await(host.upload(plugin("GreedyScorer")));
        Object hog = client.await(host.spawnBundle(greedy, SCORER, List.of(), false));
        assertThat(problemOf(() -> score(hog, "lamp")).message()).contains("computrons in one turn");
        assertThat(problemOf(() -> score(hog, "lamp")).message()).as("its vat is gone")
                .contains("terminated: used more than 100000000 computrons in one turn");
        assertThat(score(scorer, "lamp")).as("the other plugin goes on").isEqualTo(400L);
    }

    @Test
    void aScorerSpawnedInAWorkerCallsBackForItsRatingsAndAGreedyOnesEndIsHeardWithoutACall() throws Exception {
        Object ratings = client.await(host.spawnMaker("ratings", List.of(RATED), false));
        String trimmed = client.await(host.upload(plugin("TrimmedMeanScorer")));

        Object scorer = client.await(host.spawnBundle(trimmed, SCORER, List.of(ratings), true));
        assertThat(score(scorer, "lamp")).isEqualTo(400L);

        String greedy = client.await(host.upload(plugin("GreedyScorer")));
        Object hog = client.await(host.spawnBundle(greedy, SCORER, List.of(), true));
        CompletableFuture<Problem> heard = new CompletableFuture<>();
        try (VatRuntime watching = VatRuntime.create()) {
            watching.newVat("watcher").run(() -> Ref.monitor(hog, heard::complete));
            assertThat(problemOf(() -> score(hog, "lamp")).message()).contains("computrons in one turn");
            Problem ended = heard.get(60, TimeUnit.SECONDS);
            assertThat(ended).as("told across machines, from a worker, without a call").isEqualTo(new Problem(
                    Problem.VAT_SHUT_DOWN, "vat spawned-3-" + greedy.substring(0, 12)
                            + " terminated: used more than 100000000 computrons in one turn"));
            assertThat(problemOf(() -> score(hog, "lamp"))).isEqualTo(ended);
        }
        assertThat(score(scorer, "clock")).as("the other plugin goes on").isEqualTo(300L);
    }

    /**
     * The jar a user would upload: the plugin {@code name}, whose source is a resource beside
     * this test (it must not be on the host's class path), compiled with javac.
     */
    static byte[] plugin(String name) {
        try (InputStream in = PluginHostTest.class.getResourceAsStream(name + ".java")) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String className = "com.example.scoring." + name;
            return BundleCompiler.jar(className, Map.of(className, source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long score(Object scorer, String item) {
        return (Long) client.await(Ref.send(scorer, "score", item));
    }

    private static Problem problemOf(Supplier<?> call) {
        try {
            call.get();
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("not refused");
    }
}
