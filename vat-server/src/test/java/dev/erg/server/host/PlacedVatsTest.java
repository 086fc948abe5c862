package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatId;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.cluster.ClusterKey;
import dev.erg.server.cluster.ClusterStore;
import dev.erg.server.cluster.Directory;
import dev.erg.server.cluster.Placement;
import dev.erg.server.cluster.TestDatabase;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.services.Counter;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.ProblemException;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers of one cluster host the placed vats the directory gives them, and take those of a server that left. */
class PlacedVatsTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new CounterMaker()));

    @TempDir
    static Path pg;

    @TempDir
    Path tmp;

    private static PostgresCluster postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresCluster.start(pg.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private DataDir member(String name, TestDatabase db, Path keyFile) throws Exception {
        return DataDir.init(tmp.resolve(name), """
                listen = 127.0.0.1:0
                service.counter = counter
                cluster.store = %s
                cluster.user = %s
                cluster.password = %s
                cluster.key.file = %s
                cluster.heartbeat = 200ms
                cluster.lease = 2s
                """.formatted(db.url(), db.user(), db.password(), keyFile), null);
    }

    private static String hint(VatServer server) {
        InetSocketAddress a = server.address();
        return a.getHostString() + ":" + a.getPort();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aPlacedVatIsServedWhereverTheDirectorySaysAndItsStateFollowsIt() throws Exception {
        TestDatabase db = TestDatabase.fresh(postgres);
        Path keyFile = clusterKey();
        PlacedKey key = PlacedKey.generate(new SecureRandom());
        VatId vat = key.identity().vatId();
        try (CapTpClient client = CapTpClient.start(PassableRegistry.builder().build(), Duration.ofSeconds(15));
             VatServer b = VatServer.start(member("b", db, keyFile), null, MAKERS, Map.of())) {
            SturdyRef viaA;
            try (VatServer a = VatServer.start(member("a", db, keyFile), null, MAKERS, Map.of())) {
                try (ClusterStore store = db.store()) {
                    Placement placed = new Directory(store, ClusterKey.load(Optional.of(keyFile), Map.of()))
                            .place(vat, "counter", a.adminRef().vatId().toString(), key.pem());
                    assertThat(placed.hints()).containsExactly(hint(a));
                }
                await("server a hosts the vat", () -> a.placedVats().contains(vat));
                assertThat(b.placedVats()).isEmpty();

                viaA = new SturdyRef(vat, List.of(InetSocketAddress.createUnresolved("127.0.0.1", a.address().getPort()),
                        InetSocketAddress.createUnresolved("127.0.0.1", b.address().getPort())), key.rootSwiss());
                assertThat(client.await(client.connect(viaA, Counter.class).increment(5))).isEqualTo(5L);

                SturdyRef viaB = new SturdyRef(vat, List.of(InetSocketAddress.createUnresolved("127.0.0.1",
                        b.address().getPort())), key.rootSwiss());
                assertThat(client.await(client.connect(viaB, Counter.class).increment(1)))
                        .as("server b redirects to a, which serves the vat").isEqualTo(6L);
            }
            await("server b takes the vat of server a, which left", () -> b.placedVats().contains(vat));
            assertThat(client.await(client.connect(viaA, Counter.class).increment(1)))
                    .as("the vat's durable state moved with it").isEqualTo(7L);
        }
    }

    @Test
    void spawnPlacesAVatOnTheNamedServerOrOneThePolicyChooses() throws Exception {
        TestDatabase db = TestDatabase.fresh(postgres);
        Path keyFile = clusterKey();
        try (CapTpClient client = adminClient();
             VatServer a = VatServer.start(member("a", db, keyFile), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b", db, keyFile), null, MAKERS, Map.of())) {
            Admin admin = client.connect(a.adminRef(), Admin.class);
            String bId = b.adminRef().vatId().toString();

            SturdyRef onB = SturdyRef.parse(client.await(admin.place("counter", bId.substring(0, 10))));
            await("server b hosts the vat spawned on it", () -> b.placedVats().contains(onB.vatId()));
            assertThat(onB.hints()).hasSize(2).first().extracting(InetSocketAddress::getPort)
                    .isEqualTo(b.address().getPort());
            assertThat(client.await(client.connect(onB, Counter.class).increment(3))).isEqualTo(3L);

            SturdyRef chosen = SturdyRef.parse(client.await(admin.place("counter", "")));
            await("a server hosts the vat placement chose",
                    () -> a.placedVats().contains(chosen.vatId()) || b.placedVats().contains(chosen.vatId()));
            assertThat(client.await(client.connect(chosen, Counter.class).increment(1))).isEqualTo(1L);

            assertThatThrownBy(() -> client.await(admin.place("printer", "")))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("no service called \"printer\"");
            assertThatThrownBy(() -> client.await(admin.place("counter", "nobody")))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("no live member of the cluster is called nobody");
        }
    }

    @Test
    void placeAnswersOnceTheVatRunsOnItsServerAndBreaksIfItNeverDoes() throws Exception {
        TestDatabase db = TestDatabase.fresh(postgres);
        Path keyFile = clusterKey();
        DataDir withoutCounter = DataDir.init(tmp.resolve("c"), """
                listen = 127.0.0.1:0
                cluster.store = %s
                cluster.user = %s
                cluster.password = %s
                cluster.key.file = %s
                cluster.heartbeat = 200ms
                cluster.lease = 2s
                """.formatted(db.url(), db.user(), db.password(), keyFile), null);
        try (CapTpClient client = adminClient();
             VatServer a = VatServer.start(member("a", db, keyFile), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b", db, keyFile), null, MAKERS, Map.of());
             VatServer c = VatServer.start(withoutCounter, null, MAKERS, Map.of())) {
            Admin admin = client.connect(a.adminRef(), Admin.class);

            SturdyRef onB = SturdyRef.parse(client.await(admin.place("counter", b.adminRef().vatId().toString())));
            assertThat(b.placedVats()).as("the answer comes once server b runs the vat").contains(onB.vatId());

            // Server c configures no counter service: it never runs the vat placed on it.
            long asked = System.nanoTime();
            assertThatThrownBy(() -> client.await(admin.place("counter", c.adminRef().vatId().toString())))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().kind()).isEqualTo(Admin.CANNOT_PLACE);
                        assertThat(e.problem().message()).contains("has not reported it running within 10 heartbeats");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(2_000));
            assertThat(c.placedVats()).isEmpty();
        }
    }

    private Path clusterKey() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Path keyFile = tmp.resolve("cluster-key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw));
        return keyFile;
    }

    /** A client that can read what the admin protocol passes. */
    private static CapTpClient adminClient() throws SSLException {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        AdminProtocol.PASSABLES.forEach(registry::add);
        return CapTpClient.start(registry.build(), Duration.ofSeconds(15));
    }
}
