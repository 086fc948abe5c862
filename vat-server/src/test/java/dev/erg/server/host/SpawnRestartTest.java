package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.Bundle;
import dev.erg.confine.VatMaker;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.ServerStatus;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.services.Counter;
import dev.erg.server.spawn.Plugins;
import dev.erg.server.spawn.SpawnLimits;
import dev.erg.server.spawn.VatMakerService;
import dev.erg.server.store.DataDir;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Ref;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's vat maker: spawns within the configured limits and their maxima, lists what it
 * runs in the server's status, and keeps uploaded bundles across a restart.
 */
class SpawnRestartTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new VatMakerService()));
    private static final String COUNTER = Counter.class.getName();

    @TempDir
    Path tmp;

    private CapTpClient client;

    @BeforeEach
    void client() throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        AdminProtocol.PASSABLES.forEach(registry::add);
        client = CapTpClient.start(registry.build(), Duration.ofSeconds(90));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void spawnsWithinTheConfiguredLimitsShowsItsVatsAndKeepsBundlesAcrossARestart() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:0
                service.spawner = vat-maker
                spawn.computrons.turn = 1_000_000
                spawn.computrons.turn.max = 2_000_000
                spawn.worker.heap.mb.max = 512
                """, null);
        byte[] jar = Plugins.tally();
        String hash = Bundle.ofJar(jar).hash();
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            VatMaker maker = client.connect(server.services().getFirst().sturdyRef(), VatMaker.class);
            assertThat(client.await(maker.upload(jar))).isEqualTo(hash);
            Object counter = client.await(maker.spawnBundleWithin(hash, COUNTER, List.of(5L), false,
                    Map.of(SpawnLimits.COMPUTRONS_TURN, 2_000_000L)));
            assertThat(client.await(Ref.send(counter, "increment", 1L))).isEqualTo(6L);
            assertThatThrownBy(() -> client.await(maker.spawnBundleWithin(hash, COUNTER, List.of(), false,
                    Map.of(SpawnLimits.COMPUTRONS_TURN, 2_000_001L))))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().toString()).isEqualTo(
                            "LimitRefused: asked for more than this server allows: computrons.turn 2000001 > 2000000"));
            Object inWorker = client.await(maker.spawnBundleWithin(hash, COUNTER, List.of(40L), true,
                    Map.of(SpawnLimits.WORKER_HEAP_MB, 384L)));
            assertThat(client.await(Ref.send(inWorker, "increment", 2L))).isEqualTo(42L);

            Admin admin = client.connect(server.adminRef(), Admin.class);
            ServerStatus status = client.await(admin.status());
            assertThat(status.confined()).singleElement().satisfies(vat -> {
                assertThat(vat.name()).endsWith(hash.substring(0, 12));
                assertThat(vat.perTurn()).isEqualTo(2_000_000);
                assertThat(vat.budget()).isEqualTo(10_000_000_000L);
                assertThat(vat.used()).isPositive();
                assertThat(vat.pending()).isZero();
            });
            assertThat(status.workers()).anySatisfy(worker -> {
                assertThat(worker.state()).isEqualTo("running");
                assertThat(worker.vats()).containsExactly("bundle " + hash.substring(0, 12));
                assertThat(worker.heapMegabytes()).isEqualTo(384);
                assertThat(worker.cpuLimitMillis()).isEqualTo(600_000);
                assertThat(worker.pid()).isPositive();
            });
        }
        Path kept = dir.root().resolve("services/spawner/bundles/" + hash + ".jar");
        assertThat(kept).hasBinaryContent(jar);
        // A file whose content is not the bundle its name says is reported and never run.
        String forged = "0".repeat(64);
        Files.write(kept.resolveSibling(forged + ".jar"), jar);

        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            VatMaker maker = client.connect(server.services().getFirst().sturdyRef(), VatMaker.class);
            Object counter = client.await(maker.spawnBundle(hash, COUNTER, List.of(1L), false));
            assertThat(client.await(Ref.send(counter, "increment", 1L))).isEqualTo(2L);
            assertThatThrownBy(() -> client.await(maker.spawnBundle(forged, COUNTER, List.of(), false)))
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.problem().kind()).isEqualTo(VatMaker.UNKNOWN_BUNDLE));
        }
    }
}
