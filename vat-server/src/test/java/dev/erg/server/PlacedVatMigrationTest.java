package dev.erg.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatId;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.VatPlacement;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.cluster.TestDatabase;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live migration of a durable placed vat between the servers of a cluster, under a steady load
 * of calls from a client that holds live references and sends a call again when it breaks.
 */
class PlacedVatMigrationTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new LedgerMaker()));

    @TempDir
    static Path pg;

    @TempDir
    Path tmp;

    private static PostgresCluster postgres;
    private TestDatabase db;
    private Path keyFile;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresCluster.start(pg.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void cluster() throws Exception {
        db = TestDatabase.fresh(postgres);
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        keyFile = tmp.resolve("cluster-key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw));
    }

    private DataDir member(String name) throws Exception {
        return DataDir.init(tmp.resolve(name), """
                listen = 127.0.0.1:0
                service.ledger = ledger
                commit.batch = 16
                cluster.store = %s
                cluster.user = %s
                cluster.password = %s
                cluster.key.file = %s
                cluster.heartbeat = 200ms
                cluster.lease = 2s
                """.formatted(db.url(), db.user(), db.password(), keyFile), null);
    }

    private static CapTpClient client() throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder().add(LedgerSnapshot.class);
        AdminProtocol.PASSABLES.forEach(registry::add);
        return CapTpClient.start(registry.build(), Duration.ofSeconds(15));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String id(VatServer server) {
        return server.adminRef().vatId().toString();
    }

    @Test
    void movesUnderASteadyLoadLoseNoCallRepeatNoneAndKeepTheirOrder() throws Exception {
        try (CapTpClient client = client();
             VatServer a = VatServer.start(member("a"), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b"), null, MAKERS, Map.of())) {
            Admin admin = client.connect(a.adminRef(), Admin.class);
            SturdyRef ref = SturdyRef.parse(client.await(admin.place("ledger", id(a))));
            VatId vat = ref.vatId();
            await("server a hosts the vat", () -> a.placedVats().contains(vat));

            CallLoad load = new CallLoad(client, ref, 4);
            load.awaitProgress(20);
            List<VatServer> route = List.of(b, a, b, a);
            long epoch = 0;
            for (VatServer to : route) {
                VatPlacement moved = client.await(admin.move(vat.toString(), id(to), 20));
                assertThat(moved.serverId()).as("moved within 20 s").isEqualTo(id(to));
                assertThat(moved.epoch()).as("each move raises the epoch").isGreaterThan(epoch);
                epoch = moved.epoch();
                await("the target hosts the vat", () -> to.placedVats().contains(vat));
                load.awaitProgress(20);
            }
            load.close();

            LedgerSnapshot snapshot = client.await(client.connect(ref, Ledger.class).snapshot());
            for (CallLoad.Caller caller : load.callers()) {
                List<Long> answers = caller.answers();
                assertThat(answers).as("%s: every call answered once, in order", caller.counter())
                        .isEqualTo(LongStream.rangeClosed(1, answers.size()).boxed().toList());
                assertThat(snapshot.counters().get(caller.counter())).as("%s: the vat applied each call once",
                        caller.counter()).isEqualTo((long) answers.size());
            }
            assertThat(load.callers()).as("the callers had to send calls again after moves")
                    .anySatisfy(caller -> assertThat(caller.retries()).isPositive());
        }
    }
}
