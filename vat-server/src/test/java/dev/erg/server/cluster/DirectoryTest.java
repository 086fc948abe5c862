package dev.erg.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.durable.Storage;
import dev.erg.server.durable.StoredDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    static Path tmp;

    private static PostgresCluster server;
    private final SecureRandom random = new SecureRandom();
    private final ClusterKey key = ClusterKey.generate(random);

    @BeforeAll
    static void start() throws Exception {
        server = PostgresCluster.start(tmp.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private VatId id() {
        return VatIdentity.generate(random).vatId();
    }

    /** Joins server {@code id} as an active member reached at {@code hint}. */
    private Membership active(ClusterStore store, VatId id, String hint, Duration lease) {
        Membership member = Membership.join(store, key, id, List.of(hint), lease, Load.NONE, 1);
        member.activate(Load.NONE, 1);
        return member;
    }

    @Test
    void aPlacedVatIsFoundWithItsMembersHintsAndItsSealedKeyOpens() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId host = id();
            active(store, host, "a.example:7700", LONG);
            Directory directory = new Directory(store, key);
            VatIdentity vat = VatIdentity.generate(random);
            Path keyFile = tmp.resolve("vat-" + vat.vatId() + ".key");
            vat.save(keyFile, null);
            byte[] keyBytes = Files.readAllBytes(keyFile);

            Placement placed = directory.place(vat.vatId(), "counter", host.toString(), keyBytes);

            assertThat(placed).isEqualTo(new Placement(vat.vatId(), "counter", host.toString(), 1,
                    List.of("a.example:7700"), VatState.PLACED, "", 0));
            assertThat(directory.lookup(vat.vatId())).contains(placed);
            assertThat(directory.hints(vat.vatId())).contains(List.of("a.example:7700"));
            assertThat(directory.hints(id())).isEmpty();
            assertThat(directory.all()).containsExactly(placed);
            Path opened = tmp.resolve("opened-" + vat.vatId() + ".key");
            Files.write(opened, directory.privateKey(vat.vatId()));
            assertThat(VatIdentity.load(opened, null).vatId()).isEqualTo(vat.vatId());
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sealed_key FROM erg_cluster.directory")) {
                rs.next();
                assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1))
                        .as("the database holds the key sealed, never as its PEM")
                        .doesNotContain("PRIVATE KEY");
            }

            assertThatThrownBy(() -> directory.place(vat.vatId(), "counter", host.toString(), keyBytes))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("is placed already, on server " + host);
            VatId stranger = id();
            assertThatThrownBy(() -> directory.place(id(), "counter", stranger.toString(), keyBytes))
                    .isInstanceOf(ClusterException.class).hasMessageContaining(stranger + " is not a live member");
        }
    }

    @Test
    void aKeySealedUnderAnotherClusterKeyDoesNotOpen() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId host = id();
            active(store, host, "a:1", LONG);
            VatId vat = id();
            new Directory(store, key).place(vat, "counter", host.toString(), new byte[] {1, 2, 3});
            Directory wrong = new Directory(store, ClusterKey.generate(random));
            assertThatThrownBy(() -> wrong.privateKey(vat))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("the sealed private key of vat " + vat + " does not open with this server's cluster key:"
                            + " the key differs from the one it was sealed with (give every member the same cluster key),"
                            + " or the value was altered");
        }
    }

    @Test
    void aMoveIsACompareAndSetOnTheEpoch() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId a = id();
            VatId b = id();
            active(store, a, "a:1", LONG);
            active(store, b, "b:1", LONG);
            Directory directory = new Directory(store, key);
            VatId vat = id();
            Placement placed = directory.place(vat, "counter", a.toString(), new byte[] {1});

            assertThatThrownBy(() -> directory.beginMove(vat, placed.epoch(), a.toString()))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("is on server " + a + " already");
            Placement moving = directory.beginMove(vat, placed.epoch(), b.toString());
            assertThat(moving.state()).isEqualTo(VatState.MOVING);
            assertThat(moving.target()).isEqualTo(b.toString());
            assertThat(moving.epoch()).isEqualTo(placed.epoch());
            assertThatThrownBy(() -> directory.beginMove(vat, placed.epoch(), b.toString()))
                    .isInstanceOf(ClusterException.class).hasMessageContaining("is being moved already");
            assertThat(directory.cancelMove(vat, placed.epoch())).isTrue();
            assertThat(directory.lookup(vat).orElseThrow().state()).isEqualTo(VatState.PLACED);
            assertThat(directory.cancelMove(vat, placed.epoch())).as("not moving any more").isFalse();
            directory.beginMove(vat, placed.epoch(), b.toString());
            directory.postLoads(a.toString(), Map.of(vat, 12.5));
            Placement moved = directory.move(vat, placed.epoch(), b.toString());

            assertThat(moved).isEqualTo(new Placement(vat, "counter", b.toString(), placed.epoch() + 1, List.of("b:1"),
                    VatState.PLACED, "", 12.5));
            assertThat(directory.lookup(vat)).contains(moved);
            assertThatThrownBy(() -> directory.move(vat, placed.epoch(), a.toString()))
                    .isInstanceOf(EpochConflictException.class)
                    .hasMessageContaining("is at epoch " + moved.epoch() + " on server " + b);
            assertThatThrownBy(() -> directory.beginMove(vat, placed.epoch(), a.toString()))
                    .isInstanceOf(EpochConflictException.class);
            directory.postLoads(a.toString(), Map.of(vat, 99.0));
            assertThat(directory.lookup(vat).orElseThrow().load()).as("a serves it no more").isEqualTo(12.5);
            assertThat(directory.lookup(vat)).contains(moved);
        }
    }

    /**
     * The epoch the directory raises is the durable state's: the host that held the vat is fenced
     * in the same transaction, and the next host's claim need not wait for its lease.
     */
    @Test
    void movingAVatFencesTheDurableStateOfItsFormerHost() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        Storage storage = new Storage(db.url(), db.user(), db.password());
        try (ClusterStore store = db.store()) {
            VatId a = id();
            VatId b = id();
            active(store, a, "a:1", LONG);
            active(store, b, "b:1", LONG);
            Directory directory = new Directory(store, key);
            VatId vat = id();
            try (DurableHost former = DurableHost.open(storage, vat, 16)) {
                assertThat(ownerEpoch(db, vat)).isEqualTo(1);
                assertThatThrownBy(() -> DurableHost.open(storage, vat, 16))
                        .isInstanceOf(StoredDataException.class).hasMessageContaining("another vat-server holds");

                Placement placed = directory.place(vat, "counter", a.toString(), new byte[] {1});
                assertThat(placed.epoch()).isEqualTo(2);
                assertThat(ownerEpoch(db, vat)).isEqualTo(2);
                Placement moved = directory.move(vat, placed.epoch(), b.toString());
                assertThat(moved.epoch()).isEqualTo(3);
                assertThat(ownerEpoch(db, vat)).isEqualTo(3);
                assertThat(ownerHolder(db, vat)).isEqualTo("directory: placed on server " + b);

                try (DurableHost next = DurableHost.open(storage, vat, 16)) {
                    assertThat(next.generation()).isEqualTo(2);
                    assertThat(ownerEpoch(db, vat)).isEqualTo(4);
                }
            }
        }
    }

    @Test
    void theVatsOfADeadMemberAreTakenOnceWhenSeveralTakeAtOnce() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        VatId dead = id();
        VatId b = id();
        VatId c = id();
        List<VatId> vats = new ArrayList<>();
        try (ClusterStore store = db.store()) {
            active(store, dead, "dead:1", LONG);
            active(store, b, "b:1", LONG);
            active(store, c, "c:1", LONG);
            Directory directory = new Directory(store, key);
            for (int i = 0; i < 20; i++) {
                VatId vat = id();
                vats.add(vat);
                directory.place(vat, "counter", dead.toString(), new byte[] {(byte) i});
            }
            directory.place(id(), "counter", b.toString(), new byte[] {1});
        }
        // The lease ends now, by the database's clock, however long placing took on a busy machine.
        try (Connection connection = db.connect(); Statement s = connection.createStatement()) {
            s.executeUpdate("UPDATE erg_cluster.members SET lease_until = 0 WHERE server_id = '" + dead + "'");
        }

        int takers = 4;
        CountDownLatch ready = new CountDownLatch(takers);
        List<Callable<List<Placement>>> tasks = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            tasks.add(() -> {
                try (ClusterStore own = db.store()) {
                    Directory directory = new Directory(own, key);
                    ready.countDown();
                    ready.await();
                    return directory.takeOver(Successor.fewestVats());
                }
            });
        }
        List<Placement> taken = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(takers);
        try {
            for (Future<List<Placement>> each : pool.invokeAll(tasks)) {
                taken.addAll(each.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(taken).extracting(Placement::vat).containsExactlyInAnyOrderElementsOf(vats);
        try (ClusterStore store = db.store()) {
            Map<VatId, Placement> now = new Directory(store, key).all().stream()
                    .collect(Collectors.toMap(Placement::vat, Function.identity()));
            for (VatId vat : vats) {
                assertThat(now.get(vat).epoch()).as("vat %s was taken once", vat).isEqualTo(2);
                assertThat(now.get(vat).serverId()).isIn(b.toString(), c.toString());
            }
            // One vat was on b already: the fewest-vats rule spreads the 21 as evenly as they go.
            assertThat(now.values().stream().collect(Collectors.groupingBy(Placement::serverId, Collectors.counting())))
                    .containsOnlyKeys(b.toString(), c.toString())
                    .values().containsExactlyInAnyOrder(10L, 11L);
            assertThat(new Directory(store, key).takeOver(Successor.fewestVats())).isEmpty();
        }
    }

    @Test
    void aDeadMembersHeartbeatLosesToATakeover() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId dying = id();
            VatId live = id();
            Membership member = active(store, dying, "dead:1", SHORT);
            active(store, live, "live:1", LONG);
            Directory directory = new Directory(store, key);
            VatId vat = id();
            directory.place(vat, "counter", dying.toString(), new byte[] {1});
            MembershipTest.awaitDead(store, dying);

            assertThat(directory.takeOver(Successor.fewestVats())).extracting(Placement::serverId)
                    .containsExactly(live.toString());
            assertThatThrownBy(() -> member.heartbeat(Load.NONE, 1)).isInstanceOf(LeaseLostException.class);
        }
    }

    @Test
    void withNoLiveActiveMemberNothingIsTaken() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId dying = id();
            active(store, dying, "dead:1", SHORT);
            Membership.join(store, key, id(), List.of("joining:1"), LONG, Load.NONE, 1);
            Directory directory = new Directory(store, key);
            VatId vat = id();
            Placement placed = directory.place(vat, "counter", dying.toString(), new byte[] {1});
            MembershipTest.awaitDead(store, dying);

            assertThat(directory.takeOver(Successor.fewestVats())).isEmpty();
            assertThat(directory.lookup(vat)).contains(placed);
        }
    }

    private static String ownerHolder(TestDatabase db, VatId vat) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT holder FROM " + ClusterStore.vatSchema(vat) + ".owner WHERE id = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long ownerEpoch(TestDatabase db, VatId vat) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT epoch FROM " + ClusterStore.vatSchema(vat) + ".owner WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
