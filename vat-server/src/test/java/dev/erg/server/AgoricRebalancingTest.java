package dev.erg.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.ClusterStatus;
import dev.erg.server.admin.MemberListing;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster.rebalance = agoric} on two servers of one cluster: members post prices that
 * rise with their load, and a vat on the dear one buys its way to the cheap one while it is
 * called, its callers' answers in order and none lost.
 */
class AgoricRebalancingTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new LedgerMaker()));
    private static final int VATS = 3;
    /** Each caller's pause between calls: at most 20 calls a second per vat, two fifths of a member's capacity. */
    private static final long PAUSE_MILLIS = 50;

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
                service.ledger = ledger
                cluster.store = %s
                cluster.user = %s
                cluster.password = %s
                cluster.key.file = %s
                cluster.heartbeat = 200ms
                cluster.lease = 2s
                cluster.capacity = 50
                cluster.rebalance = agoric
                """.formatted(db.url(), db.user(), db.password(), keyFile), null);
    }

    /** Calls {@code increment} on one ledger with a pause between calls, sending a broken call again; keeps the answers. */
    private static Thread caller(CapTpClient client, SturdyRef ref, List<Long> answers, AtomicBoolean stop) {
        return Thread.ofPlatform().daemon().start(() -> {
            Ledger ledger = null;
            while (!stop.get()) {
                try {
                    if (ledger == null) {
                        ledger = client.connect(ref, Ledger.class);
                    }
                    answers.add(client.await(ledger.increment("c", 1)));
                } catch (RuntimeException e) {
                    ledger = null;
                }
                try {
                    Thread.sleep(PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    @Test
    void aVatOnTheDearMemberBuysItsWayToTheCheapOne() throws Exception {
        TestDatabase db = TestDatabase.fresh(postgres);
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Path keyFile = tmp.resolve("cluster-key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw));
        PassableRegistry.Builder registry = PassableRegistry.builder().add(LedgerSnapshot.class);
        AdminProtocol.PASSABLES.forEach(registry::add);
        try (CapTpClient client = CapTpClient.start(registry.build(), Duration.ofSeconds(15));
             VatServer a = VatServer.start(member("a", db, keyFile), null, MAKERS, Map.of());
             VatServer b = VatServer.start(member("b", db, keyFile), null, MAKERS, Map.of())) {
            Admin admin = client.connect(a.adminRef(), Admin.class);
            String aId = a.adminRef().vatId().toString();
            String bId = b.adminRef().vatId().toString();
            List<SturdyRef> refs = new ArrayList<>();
            for (int i = 0; i < VATS; i++) {
                refs.add(SturdyRef.parse(client.await(admin.place("ledger", aId))));
            }
            long stopAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            AtomicBoolean stop = new AtomicBoolean();
            List<List<Long>> answers = new ArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (SturdyRef ref : refs) {
                List<Long> mine = new CopyOnWriteArrayList<>();
                answers.add(mine);
                callers.add(caller(client, ref, mine, stop));
            }
            boolean dearer = false;
            boolean moved = false;
            while (!moved && System.nanoTime() - stopAt < 0) {
                ClusterStatus status = client.await(admin.cluster());
                double aPrice = status.members().stream().filter(m -> m.serverId().equals(aId))
                        .mapToDouble(MemberListing::price).findFirst().orElse(0);
                double bPrice = status.members().stream().filter(m -> m.serverId().equals(bId))
                        .mapToDouble(MemberListing::price).findFirst().orElse(Double.MAX_VALUE);
                dearer |= aPrice > bPrice;
                moved = status.vats().stream().anyMatch(v -> v.serverId().equals(bId) && v.state().equals("placed"))
                        && refs.stream().anyMatch(r -> b.placedVats().contains(r.vatId()));
                Thread.sleep(100);
            }
            assertThat(dearer).as("a, running every vat, posted a higher price than idle b").isTrue();
            assertThat(moved).as("a vat moved to b within 60 s").isTrue();
            int[] before = answers.stream().mapToInt(List::size).toArray();
            long progress = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (int i = 0; i < VATS; i++) {
                while (answers.get(i).size() < before[i] + 5 && System.nanoTime() - progress < 0) {
                    Thread.sleep(20);
                }
                assertThat(answers.get(i).size()).as("vat %d answers after the move", i).isGreaterThanOrEqualTo(before[i] + 5);
            }
            stop.set(true);
            for (Thread t : callers) {
                t.join(20_000);
            }
            List<VatPlacement> placed = client.await(admin.cluster()).vats();
            for (int i = 0; i < VATS; i++) {
                String id = refs.get(i).vatId().toString();
                long moves = placed.stream().filter(v -> v.vatId().equals(id)).findFirst().orElseThrow().epoch() - 1;
                List<Long> seen = answers.get(i);
                int skips = 0;
                for (int j = 1; j < seen.size(); j++) {
                    long step = seen.get(j) - seen.get(j - 1);
                    assertThat(step).as("vat %d: answers in order, none lost: %s", i, seen).isBetween(1L, 2L);
                    skips += step == 2 ? 1 : 0;
                }
                assertThat(skips).as("vat %d: at most one call sent again per raise of its epoch", i)
                        .isLessThanOrEqualTo((int) moves);
            }
        }
    }
}
