package dev.erg.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.server.durable.PostgresCluster;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembershipTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    static Path tmp;

    private static PostgresCluster server;
    private final SecureRandom random = new SecureRandom(new byte[] {7});
    private final ClusterKey key = ClusterKey.generate(random);

    @BeforeAll
    static void start() throws Exception {
        server = PostgresCluster.start(tmp.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static VatId id() {
        return VatIdentity.generate(new SecureRandom()).vatId();
    }

    @Test
    void aMemberJoinsPostsItsLoadAndLeaves() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId id = id();
            Membership member = Membership.join(store, key, id, List.of("10.0.0.1:7700", "a.example:7700"), LONG, Load.NONE, 2.5);
            assertThat(Membership.live(store)).singleElement().satisfies(m -> {
                assertThat(m.serverId()).isEqualTo(id.toString());
                assertThat(m.hints()).containsExactly("10.0.0.1:7700", "a.example:7700");
                assertThat(m.state()).isEqualTo(MemberState.JOINING);
                assertThat(m.leaseLeftMillis()).isBetween(1L, LONG.toMillis());
                assertThat(m.heartbeatAt()).isGreaterThanOrEqualTo(m.joinedAt());
                assertThat(m.price()).isEqualTo(2.5);
            });

            member.activate(new Load(120.5, 0.25, 3), 3.0);
            assertThat(Membership.live(store)).singleElement().satisfies(m -> {
                assertThat(m.state()).isEqualTo(MemberState.ACTIVE);
                assertThat(m.load()).isEqualTo(new Load(120.5, 0.25, 3));
                assertThat(m.price()).isEqualTo(3.0);
            });
            member.heartbeat(new Load(7, 0.5, 4), 3.0);
            assertThat(Membership.live(store)).singleElement().extracting(Member::load).isEqualTo(new Load(7, 0.5, 4));

            member.leave(new Load(7, 0.5, 4), 3.0);
            assertThat(Membership.live(store)).singleElement().extracting(Member::state).isEqualTo(MemberState.LEAVING);
            member.depart();
            assertThat(Membership.all(store)).isEmpty();
        }
    }

    @Test
    void anExpiredLeaseIsDeadForEveryMemberAndCannotBeRenewed() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore one = db.store(); ClusterStore other = db.store()) {
            VatId shortLived = id();
            Membership dying = Membership.join(one, key, shortLived, List.of("a:1"), SHORT, Load.NONE, 1);
            Membership.join(other, key, id(), List.of("b:1"), LONG, Load.NONE, 1);
            assertThat(Membership.live(other)).hasSize(2);

            awaitDead(other, shortLived);

            assertThat(Membership.live(one)).extracting(Member::serverId).doesNotContain(shortLived.toString());
            assertThat(Membership.all(one)).filteredOn(m -> m.serverId().equals(shortLived.toString()))
                    .singleElement().satisfies(m -> assertThat(m.live()).isFalse());
            assertThatThrownBy(() -> dying.heartbeat(Load.NONE, 1))
                    .isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("expired before it was renewed");

            Membership again = Membership.join(one, key, shortLived, List.of("a:2"), LONG, Load.NONE, 1);
            assertThat(Membership.live(other)).extracting(Member::serverId).contains(shortLived.toString());
            // The dead incarnation stays dead even though its id lives again.
            assertThatThrownBy(() -> dying.heartbeat(Load.NONE, 1)).isInstanceOf(LeaseLostException.class);
            again.heartbeat(Load.NONE, 1);
        }
    }

    @Test
    void aSecondJoinUnderALiveIdIsRefused() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            VatId id = id();
            Membership.join(store, key, id, List.of("a:1"), LONG, Load.NONE, 1);
            assertThatThrownBy(() -> Membership.join(store, key, id, List.of("a:1"), LONG, Load.NONE, 1))
                    .isInstanceOf(LiveMemberException.class)
                    .hasMessageContaining("is a live member of the cluster already")
                    .satisfies(e -> assertThat(((LiveMemberException) e).leaseLeftMillis()).isPositive());
        }
    }

    @Test
    void aMemberWithAnotherClusterKeyIsRefused() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            Membership.join(store, key, id(), List.of("a:1"), LONG, Load.NONE, 1);
            ClusterKey other = ClusterKey.generate(random);
            VatId stranger = id();
            assertThatThrownBy(() -> Membership.join(store, other, stranger, List.of("b:1"), LONG, Load.NONE, 1))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("cluster key is not the cluster's");
            assertThat(Membership.all(store)).extracting(Member::serverId).doesNotContain(stranger.toString());
        }
    }

    @Test
    void badHintsAreRefusedBeforeAnythingIsWritten() throws Exception {
        TestDatabase db = TestDatabase.fresh(server);
        try (ClusterStore store = db.store()) {
            assertThatThrownBy(() -> Membership.join(store, key, id(), List.of("a:1,b:2"), LONG, Load.NONE, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without commas");
            assertThat(Membership.all(store)).isEmpty();
        }
    }

    /** Waits, by polling the database's view, until {@code id}'s lease has expired. */
    static void awaitDead(ClusterStore store, VatId id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Membership.live(store).stream().anyMatch(m -> m.serverId().equals(id.toString()))) {
            assertThat(System.nanoTime() - deadline).as("the lease of %s outlived 10 s", id).isNegative();
            Thread.sleep(20);
        }
    }
}
