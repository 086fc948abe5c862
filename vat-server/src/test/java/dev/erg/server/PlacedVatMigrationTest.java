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
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
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
        return member(name, "off");
    }

    private DataDir member(String name, String rebalance) throws Exception {
        return member(name, rebalance, db.url());
    }

    private DataDir member(String name, String rebalance, String url) throws Exception {
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
                cluster.rebalance = %s
                """.formatted(url, db.user(), db.password(), keyFile, rebalance), null);
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

    /**
     * The old host ends its sessions only once the answers of the calls it applied are sent:
     * a caller's call is either answered by the old host or refused and sent again to the new
     * one, never applied without its answer, so every caller sees each answer once and in
     * order, and the vat ends holding exactly the last answer.
     */
    @Test
    void movesUnderASteadyLoadLoseNoCallAndKeepTheirOrder() throws Exception {
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
                assertThat(snapshot.counters().get(caller.counter())).as("%s: the vat holds the last answer",
                        caller.counter()).isEqualTo(answers.getLast());
            }
            assertThat(load.callers()).as("the callers had to send calls again after moves")
                    .anySatisfy(caller -> assertThat(caller.retries()).isPositive());
        }
    }

    /**
     * SIGKILL ends a server's process, so a call it had committed may lose its answer and be
     * sent again: each caller may see one answer skipped per kill, never one lost or out of
     * order, and the vat ends holding exactly the last answer.
     */
    @Test
    void killedServersVatsResumeElsewhereAndAKilledHostStrandsNoMove() throws Exception {
        DataDir k = member("k");
        String kId = k.vatId().toString();
        try (CapTpClient client = client();
             VatServer a = VatServer.start(member("a"), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b"), null, MAKERS, Map.of())) {
            Admin admin = client.connect(a.adminRef(), Admin.class);
            ServerProcess first = start(k);
            SturdyRef ref;
            CallLoad load;
            try (first) {
                ref = SturdyRef.parse(client.await(admin.place("ledger", kId)));
                load = new CallLoad(client, ref, 2);
                load.awaitProgress(20);
                // A server killed: its vat is taken by a live member once its lease ends.
                assertThat(first.kill()).isEqualTo(ServerProcess.KILLED);
            }
            VatId vat = ref.vatId();
            int kills = 1;
            try {
                await("a live member hosts the vat of the killed server",
                        () -> a.placedVats().contains(vat) || b.placedVats().contains(vat));
                load.awaitProgress(20);

                // The new host killed mid-move: the vat goes to it, then on to a live member.
                try (ServerProcess second = start(k)) {
                    client.await(admin.move(vat.toString(), kId, 0));
                    assertThat(second.kill()).isEqualTo(ServerProcess.KILLED);
                    kills++;
                }
                await("a live member hosts the vat again", () -> {
                    VatPlacement now = placement(client, admin, vat);
                    return !now.serverId().equals(kId) && now.state().equals("placed")
                            && (a.placedVats().contains(vat) || b.placedVats().contains(vat));
                });
                load.awaitProgress(20);

                // The old host killed mid-move: the move is not stranded; the vat's takeover ends it.
                try (ServerProcess third = start(k)) {
                    assertThat(client.await(admin.move(vat.toString(), kId, 20)).serverId()).isEqualTo(kId);
                    load.awaitProgress(20);
                    assertThat(third.kill()).isEqualTo(ServerProcess.KILLED);
                    kills++;
                    client.await(admin.move(vat.toString(), id(b), 0));
                }
                await("a live member hosts the vat whose host died moving it",
                        () -> a.placedVats().contains(vat) || b.placedVats().contains(vat));
                load.awaitProgress(20);
            } finally {
                load.close();
            }

            LedgerSnapshot snapshot = client.await(client.connect(ref, Ledger.class).snapshot());
            for (CallLoad.Caller caller : load.callers()) {
                List<Long> answers = caller.answers();
                int skips = 0;
                for (int i = 1; i < answers.size(); i++) {
                    long step = answers.get(i) - answers.get(i - 1);
                    assertThat(step).as("%s: answers in order, none lost: %s", caller.counter(), answers).isBetween(1L, 2L);
                    skips += step == 2 ? 1 : 0;
                }
                assertThat(skips).as("%s: at most one call sent again per kill", caller.counter()).isLessThanOrEqualTo(kills);
                assertThat(snapshot.counters().get(caller.counter())).as("%s: the vat holds the last answer",
                        caller.counter()).isEqualTo(answers.getLast());
            }
        }
    }

    @Test
    void theRebalancerMovesAVatOffAHotServer() throws Exception {
        try (CapTpClient client = client();
             VatServer a = VatServer.start(member("a", "hot-spot"), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b", "hot-spot"), null, MAKERS, Map.of())) {
            Admin admin = client.connect(a.adminRef(), Admin.class);
            List<SturdyRef> refs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                refs.add(SturdyRef.parse(client.await(admin.place("ledger", id(a)))));
            }
            List<CallLoad> loads = new ArrayList<>();
            try {
                for (SturdyRef ref : refs) {
                    loads.add(new CallLoad(client, ref, 1));
                }
                await("the rebalancer moves a busy vat to the idle server", () -> refs.stream()
                        .anyMatch(ref -> b.placedVats().contains(ref.vatId())));
                for (CallLoad load : loads) {
                    load.awaitProgress(10);
                }
            } finally {
                for (CallLoad load : loads) {
                    load.close();
                }
            }
            for (CallLoad load : loads) {
                List<Long> answers = load.callers().getFirst().answers();
                assertThat(answers).as("every call answered once, in order, across the move")
                        .isEqualTo(LongStream.rangeClosed(1, answers.size()).boxed().toList());
            }
        }
    }

    /**
     * A server cut off from the database while its vat is moving cannot hand it over; once its
     * lease has run out by its own clock it stops serving the vat, which a live member takes
     * when the lease has run out by the database's: one host serves it at a time, and its
     * callers see no call lost or repeated (but for one whose commit was made as the link was
     * cut, its acknowledgement lost).
     */
    @Test
    void aPartitionDuringAMoveLeavesOneHostServingTheVat() throws Exception {
        try (TcpCut link = new TcpCut(new InetSocketAddress("127.0.0.1", postgres.port()));
             CapTpClient client = client();
             VatServer a = VatServer.start(member("a", "off", db.url().replace(":" + postgres.port() + "/",
                     ":" + link.port() + "/")), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b"), null, MAKERS, Map.of())) {
            Admin admin = client.connect(b.adminRef(), Admin.class);
            SturdyRef ref = SturdyRef.parse(client.await(admin.place("ledger", id(a))));
            VatId vat = ref.vatId();
            CallLoad load = new CallLoad(client, ref, 2);
            try {
                load.awaitProgress(20);
                link.cut();
                client.await(admin.move(vat.toString(), id(b), 0));
                await("a stops serving the vat, its lease run out", () -> !a.placedVats().contains(vat));
                await("b serves the vat", () -> b.placedVats().contains(vat));
                load.awaitProgress(20);
                link.heal();
                await("a is a live member again", () -> client.await(admin.cluster()).members().stream()
                        .anyMatch(m -> m.serverId().equals(id(a)) && m.leaseLeftMillis() > 0));
                load.awaitProgress(10);
                assertThat(a.placedVats()).as("a, back, leaves the vat to b").doesNotContain(vat);
            } finally {
                load.close();
            }
            LedgerSnapshot snapshot = client.await(client.connect(ref, Ledger.class).snapshot());
            for (CallLoad.Caller caller : load.callers()) {
                List<Long> answers = caller.answers();
                int skips = 0;
                for (int i = 1; i < answers.size(); i++) {
                    long step = answers.get(i) - answers.get(i - 1);
                    assertThat(step).as("%s: answers in order, none lost: %s", caller.counter(), answers).isBetween(1L, 2L);
                    skips += step == 2 ? 1 : 0;
                }
                assertThat(skips).as("%s: at most the call cut mid-commit sent again", caller.counter()).isLessThanOrEqualTo(1);
                assertThat(snapshot.counters().get(caller.counter())).isEqualTo(answers.getLast());
            }
        }
    }

    private ServerProcess start(DataDir k) throws Exception {
        ServerProcess server = ServerProcess.start(tmp, "run", "--data", k.root().toString());
        server.line(0);
        return server;
    }

    private static VatPlacement placement(CapTpClient client, Admin admin, VatId vat) {
        return client.await(admin.cluster()).vats().stream().filter(v -> v.vatId().equals(vat.toString())).findFirst()
                .orElseThrow();
    }
}
