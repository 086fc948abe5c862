package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.server.admin.ClusterStatus;
import dev.erg.server.admin.VatPlacement;
import dev.erg.server.cluster.ClusterKey;
import dev.erg.server.cluster.ClusterStore;
import dev.erg.server.cluster.Directory;
import dev.erg.server.cluster.Membership;
import dev.erg.server.cluster.Placement;
import dev.erg.server.cluster.TestDatabase;
import dev.erg.server.config.ConfigFile;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.store.DataDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vat-server cluster}, against servers that are members of one cluster in a test's PostgreSQL. */
class ClusterCommandTest {

    @TempDir
    static Path pg;

    @TempDir
    Path tmp;

    private static PostgresCluster server;
    private TestDatabase db;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresCluster.start(pg.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        db = TestDatabase.fresh(server);
    }

    /** Makes data directory {@code name}, a member of the cluster whose key is in {@code keyFile}. */
    private VatId member(String name, Path keyFile) throws Exception {
        CliRun init = CliRun.run(tmp, "init", name);
        assertThat(init.status()).as(init.toString()).isZero();
        Files.writeString(tmp.resolve(name).resolve(ConfigFile.NAME), """

                cluster.store = %s
                cluster.user = %s
                cluster.password = %s
                cluster.key.file = %s
                cluster.heartbeat = 200ms
                cluster.lease = 5s
                cluster.price = 1.5
                """.formatted(db.url(), db.user(), db.password(), keyFile), StandardOpenOption.APPEND);
        return DataDir.open(tmp.resolve(name)).vatId();
    }

    @Test
    void theToolShowsTheMembersAndWhereEachVatIsPlaced() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Path keyFile = tmp.resolve("cluster-key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw) + "\n");
        VatId one = member("one", keyFile);
        VatId two = member("two", keyFile);
        CliRun first = CliRun.serve(tmp, "run", "--data", "one");
        CliRun second = CliRun.serve(tmp, "run", "--data", "two");
        try {
            assertThat(first.firstLine()).as(first.toString()).startsWith("captp://");
            assertThat(second.firstLine()).as(second.toString()).startsWith("captp://");
            VatId placed = VatIdentity.generate(new SecureRandom()).vatId();
            try (ClusterStore store = db.store()) {
                new Directory(store, ClusterKey.load(Optional.of(keyFile), Map.of())).place(placed, "counter", two.toString(),
                        new byte[] {1});
            }

            CliRun cluster = CliRun.run(tmp, "cluster", "--data", "one");

            assertThat(cluster.status()).as(cluster.toString()).isZero();
            assertThat(cluster.out().lines().toList()).as(cluster.toString())
                    .anySatisfy(line -> assertThat(line).startsWith("*" + one).contains(" active ").contains(" 1.50 ")
                            .containsPattern("\\d+ ms").contains("127.0.0.1:"))
                    .anySatisfy(line -> assertThat(line).startsWith(" " + two).contains(" active "))
                    .anySatisfy(line -> assertThat(line).startsWith(placed.toString())
                            .containsPattern("  " + two + "\\s+1  placed\\s+counter\\s+0\\.0$"));

            CliRun spawned = CliRun.run(tmp, "cluster", "spawn", "counter", "--on", two.toString().substring(0, 8),
                    "--data", "one");
            assertThat(spawned.status()).as(spawned.toString()).isZero();
            SturdyRef counter = SturdyRef.parse(spawned.firstLine());
            CliRun moved = CliRun.run(tmp, "cluster", "move", counter.vatId().toString(), "--to", one.toString(),
                    "--wait", "20", "--data", "one");
            assertThat(moved.status()).as(moved.toString()).isZero();
            assertThat(moved.firstLine()).as(moved.toString())
                    .matches(counter.vatId() + "  " + one + "  \\d+  placed");
            CliRun nowhere = CliRun.run(tmp, "cluster", "spawn", "printer", "--data", "one");
            assertThat(nowhere.status()).as(nowhere.toString()).isNotZero();
            assertThat(nowhere.err()).contains("no service called \"printer\"");

            // Two stops and leaves: one takes its vat at its next heartbeat, fencing it with a new epoch.
            assertThat(second.stop()).isZero();
            Placement taken = awaitPlacement(placed, one);
            assertThat(taken.epoch()).isEqualTo(2);
            assertThat(CliRun.run(tmp, "cluster", "--data", "one").out().lines().toList())
                    .anySatisfy(line -> assertThat(line).containsPattern("^" + placed + "\\s+\\*" + one + "\\s+2  placed\\s+counter\\s+0\\.0$"))
                    .noneSatisfy(line -> assertThat(line).contains(two.toString()));
        } finally {
            second.stop();
            assertThat(first.stop()).isZero();
        }
        try (ClusterStore store = db.store()) {
            assertThat(Membership.all(store)).as("both left as they stopped").isEmpty();
        }
    }

    /** Waits until the directory places {@code vat} on {@code server}, and answers that placement. */
    private Placement awaitPlacement(VatId vat, VatId server) throws Exception {
        try (ClusterStore store = db.store()) {
            Directory directory = new Directory(store, ClusterKey.load(Optional.of(tmp.resolve("cluster-key")), Map.of()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                Placement now = directory.lookup(vat).orElseThrow();
                if (now.serverId().equals(server.toString()) || System.nanoTime() - deadline > 0) {
                    assertThat(now.serverId()).as("vat %s taken by %s", vat, server).isEqualTo(server.toString());
                    return now;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void eachVatIsShownWithItsServiceItsPostedLoadAndWhereItIsMoving() {
        String here = "a".repeat(52);
        String there = "b".repeat(52);
        ClusterStatus status = new ClusterStatus(here, List.of(), List.of(
                new VatPlacement("v".repeat(52), here, 3, "moving", "counter", there, 12.25),
                new VatPlacement("w".repeat(52), there, 1, "placed", "printer", "", 0)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ClusterCommand.print(status, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList())
                .anySatisfy(line -> assertThat(line).startsWith("VAT").contains("SERVICE").contains("TURNS/S")
                        .endsWith("TARGET"))
                .anySatisfy(line -> assertThat(line).matches("v{52}  \\*a{52}\\s+3  moving\\s+counter\\s+12\\.3  b{52}"))
                .anySatisfy(line -> assertThat(line).matches("w{52}   b{52}\\s+1  placed\\s+printer\\s+0\\.0"));
    }

    @Test
    void aServerOutsideAClusterSaysSoInOneLine() throws Exception {
        CliRun.run(tmp, "init", "alone");
        CliRun alone = CliRun.serve(tmp, "run", "--data", "alone");
        try {
            CliRun cluster = CliRun.run(tmp, "cluster", "--data", "alone");
            assertThat(cluster.status()).isEqualTo(Cli.FAILED);
            assertThat(cluster.err().lines().toList()).containsExactly("vat-server: NoCluster: this vat-server is not a"
                    + " member of a cluster: its configuration sets no cluster.store");
        } finally {
            assertThat(alone.stop()).isZero();
        }
    }

    @Test
    void aWrongClusterKeyStopsTheStartInOneLine() throws Exception {
        Path keyFile = tmp.resolve("cluster-key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]));
        member("first", keyFile);
        Path otherKey = tmp.resolve("other-key");
        Files.writeString(otherKey, Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
                31, 32}));
        member("stranger", otherKey);
        CliRun first = CliRun.serve(tmp, "run", "--data", "first");
        try {
            CliRun stranger = CliRun.serve(tmp, "run", "--data", "stranger");
            assertThat(stranger.awaitEnd()).as(stranger.toString()).isEqualTo(Cli.FAILED);
            assertThat(stranger.err().lines().filter(l -> l.startsWith("vat-server: ")).toList()).singleElement()
                    .asString().contains("cannot join the cluster at " + db.url())
                    .contains("this server's cluster key is not the cluster's");
        } finally {
            assertThat(first.stop()).isZero();
        }
    }
}
