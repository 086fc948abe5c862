package dev.erg.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.net.Admission;
import dev.erg.server.spawn.SpawnLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {

    private static final List<String> MAKERS = List.of("counter", "greeter");
    private static final Path FILE = Path.of("erg-server.conf");

    private static ServerConfig parse(String text) throws SetupException {
        return ConfigFile.parse(FILE, text, MAKERS);
    }

    @Test
    void theDefaultsReadBackAsWritten() throws SetupException {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("counter", "counter");
        services.put("hello", "greeter");
        String text = ConfigFile.defaults(InetSocketAddress.createUnresolved("127.0.0.1", 7700), services, MAKERS);

        ServerConfig config = parse(text);

        assertThat(config.listen().getHostString()).isEqualTo("127.0.0.1");
        assertThat(config.listen().getPort()).isEqualTo(7700);
        assertThat(config.advertise()).isEmpty();
        assertThat(config.threads()).isEmpty();
        assertThat(config.metrics()).isEmpty();
        assertThat(config.services()).extracting(ServiceSpec::name, ServiceSpec::maker)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("counter", "counter"),
                        org.assertj.core.groups.Tuple.tuple("hello", "greeter"));
        assertThat(text).contains("# Makers known to this build: counter, greeter.");
    }

    @Test
    void readsEveryKey() throws SetupException {
        ServerConfig config = parse("""
                listen = [::1]:0   # any port
                advertise = vats.example.org:7700, 10.0.0.1:7701
                threads = 3
                metrics.port = 9700
                inspector.port = 0
                service.a = counter
                """);
        assertThat(config.listen().getHostString()).isEqualTo("::1");
        assertThat(config.listen().getPort()).isZero();
        assertThat(config.advertise()).extracting(InetSocketAddress::getHostString).containsExactly("vats.example.org", "10.0.0.1");
        assertThat(config.threads()).isEqualTo(OptionalInt.of(3));
        assertThat(config.metrics()).isEqualTo(OptionalInt.of(9700));
        assertThat(config.inspector()).isEqualTo(OptionalInt.of(0));
        assertThat(config.service("a")).map(ServiceSpec::line).contains(6);
    }

    @Test
    void theOcapnKeysMakeTheOcapnListener() throws SetupException {
        assertThat(parse("listen = 127.0.0.1:7700\n").ocapn()).isEmpty();
        OcapnConfig ocapn = parse("ocapn.listen = 127.0.0.1:0\n").ocapn().orElseThrow();
        assertThat(ocapn.listen().getPort()).isZero();
        assertThat(ocapn.netlayer()).isEqualTo(OcapnConfig.TCP_TESTING_ONLY);
        assertThat(ocapn.interop()).isFalse();
        assertThat(parse("ocapn.listen = [::1]:22045\nocapn.netlayer = tcp-testing-only\nocapn.interop = on\n")
                .ocapn()).contains(new OcapnConfig(InetSocketAddress.createUnresolved("::1", 22045),
                        OcapnConfig.TCP_TESTING_ONLY, true));
        assertThat(ConfigFile.defaults(InetSocketAddress.createUnresolved("127.0.0.1", 7700), Map.of(), MAKERS))
                .contains("# ocapn.listen = ", "# ocapn.netlayer = tcp-testing-only", "# ocapn.interop = off");
    }

    @Test
    void anEmptyFileMeansTheDefaults() throws SetupException {
        ServerConfig config = parse("# nothing here\n\n");
        assertThat(config.listen()).isEqualTo(ConfigFile.DEFAULT_LISTEN);
        assertThat(config.services()).isEmpty();
        assertThat(config.inspector()).as("the inspector is off unless asked for").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            listen 127.0.0.1:7700                     | erg-server.conf line 2: expected `key = value`, found "listen 127.0.0.1:7700"
            listne = 127.0.0.1:7700                   | erg-server.conf line 2: unknown key "listne" (expected one of: listen, advertise, threads, metrics.port, inspector.port, storage, storage.user, storage.password, storage.password.file, commit.batch, service.<name>, spawn.<limit>, spawn.<limit>.max, cluster.store, cluster.user, cluster.password, cluster.password.file, cluster.key.file, cluster.heartbeat, cluster.lease, cluster.price, cluster.capacity, cluster.placement, cluster.placement.<service>, cluster.rebalance, cluster.budget, cluster.budget.<service>, peers.connections, peers.connections.per-address, peers.partial-frames.bytes, peers.failed-lookups.per-second, ocapn.listen, ocapn.netlayer, ocapn.interop)
            listen = 127.0.0.1:77x0                   | erg-server.conf line 2: listen: port "77x0" is not a number from 0 to 65535
            listen = 127.0.0.1                        | erg-server.conf line 2: listen: "127.0.0.1" is not host:port
            listen = ::1:7700                         | erg-server.conf line 2: listen: "::1:7700" is not host:port (write an IPv6 host as [::1])
            advertise = a.example:0                   | erg-server.conf line 2: advertise: port "0" is not a number from 1 to 65535
            threads = many                            | erg-server.conf line 2: threads: "many" is not a number from 1 to 1024
            storage = mysql://db                      | erg-server.conf line 2: storage: expected sqlite or jdbc:postgresql://HOST:PORT/DB, found "mysql://db"
            commit.batch = 0                          | erg-server.conf line 2: commit.batch: 0 is not a number from 1 to 65536
            threads = 0                               | erg-server.conf line 2: threads: 0 is not a number from 1 to 1024
            metrics.port = 70000                      | erg-server.conf line 2: metrics.port: 70000 is not a number from 1 to 65535
            inspector.port = on                       | erg-server.conf line 2: inspector.port: "on" is not a number from 0 to 65535
            service.shop = shop                       | erg-server.conf line 2: service.shop: no service maker is called "shop" (known: counter, greeter)
            service.Shop = counter                    | erg-server.conf line 2: service.Shop: a service name is 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit
            threads =                                 | erg-server.conf line 2: threads has no value
            listen = 127.0.0.1:1                      | erg-server.conf line 2: listen is already set on line 1
            spawn.computrons.turn = lots              | erg-server.conf line 2: spawn.computrons.turn: "lots" is not a whole number (digits, perhaps grouped by _)
            spawn.computrons.turn = 0                 | erg-server.conf line 2: spawn.computrons.turn: computrons.turn = 0: computron limits must be positive: 0, 10000000000
            spawn.messages.turn = 99999999999         | erg-server.conf line 2: spawn.messages.turn: messages.turn = 99999999999: 99999999999 is beyond 2147483647
            spawn.worker.heap.mb = 8                  | erg-server.conf line 2: spawn.worker.heap.mb: worker.heap.mb = 8: a worker's heap is 16 to 1048576 MB, not 8
            spawn.worker.cpu.seconds.max = -1         | erg-server.conf line 2: spawn.worker.cpu.seconds.max: "-1" is not a whole number (digits, perhaps grouped by _)
            spawn.cpu = 5                             | erg-server.conf line 2: spawn.cpu: no limit is called "cpu" (known: computrons.turn, computrons.vat, messages.turn, messages.pending, storage.bytes, worker.heap.mb, worker.cpu.seconds)
            cluster.lease = 10s                       | erg-server.conf line 2: cluster.lease: no cluster.store is set; set it to the cluster's jdbc:postgresql://HOST:PORT/DB to join a cluster, or remove cluster.lease
            cluster.store = mysql://db                | erg-server.conf line 2: cluster.store: expected jdbc:postgresql://HOST:PORT/DB, found "mysql://db"
            cluster.heartbeat = 2 s                   | erg-server.conf line 2: cluster.heartbeat: "2 s" is not a duration such as 500ms, 2s or 1m
            cluster.lease = 0s                        | erg-server.conf line 2: cluster.lease: a duration of 0 is no rhythm; give one such as 500ms, 2s or 1m
            cluster.price = -1                        | erg-server.conf line 2: cluster.price: "-1" is not a number such as 1 or 0.25
            cluster.price = 0                         | erg-server.conf line 2: cluster.price: the price of a turn on an idle server must be more than 0
            cluster.capacity = 0.0                    | erg-server.conf line 2: cluster.capacity: the capacity must be more than 0 turns per second
            cluster.budget.counter = much             | erg-server.conf line 2: cluster.budget.counter: "much" is not a number such as 1 or 0.25
            cluster.placement = best                  | erg-server.conf line 2: cluster.placement: expected one of power-of-two, round-robin, random, agoric, found "best"
            cluster.placement.counter = first         | erg-server.conf line 2: cluster.placement.counter: expected one of power-of-two, round-robin, random, agoric, found "first"
            cluster.rebalance = on                    | erg-server.conf line 2: cluster.rebalance: expected one of off, hot-spot, agoric, found "on"
            cluster.password.file = no-such-file      | erg-server.conf line 2: cluster.password.file: no file no-such-file
            peers.connections = 0                     | erg-server.conf line 2: peers.connections: 0 is not a number from 1 to 1048576
            peers.failed-lookups.per-second = fast    | erg-server.conf line 2: peers.failed-lookups.per-second: "fast" is not a number from 1 to 1000000
            peers.partial-frames.bytes = 1 GiB        | erg-server.conf line 2: peers.partial-frames.bytes: "1 GiB" is not a whole number (digits, perhaps grouped by _)
            ocapn.listen = nowhere                    | erg-server.conf line 2: ocapn.listen: "nowhere" is not host:port
            ocapn.netlayer = onion                    | erg-server.conf line 2: ocapn.netlayer: expected one of tcp-testing-only, found "onion"
            ocapn.interop = yes                       | erg-server.conf line 2: ocapn.interop: expected one of on, off, found "yes"
            ocapn.interop = on                        | erg-server.conf line 2: ocapn.interop: no ocapn.listen is set; set it to the host:port OCapN peers dial, or remove ocapn.interop
            """)
    void eachMistakeIsNamedByLineAndKey(String line, String message) {
        String text = (line.startsWith("listen = 127.0.0.1:1") ? "listen = 127.0.0.1:2\n" : "# first line\n") + line + "\n";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(SetupException.class)
                .hasMessage(message);
    }

    @Test
    void spawnLimitsAndTheirMaximaAreRead() throws SetupException {
        ServerConfig config = parse("""
                spawn.computrons.turn = 1_000_000
                spawn.computrons.turn.max = 5_000_000
                spawn.storage.bytes = 4096
                spawn.worker.heap.mb.max = 512
                spawn.worker.cpu.seconds = 30
                """);
        assertThat(config.spawn().confined().perTurn()).isEqualTo(1_000_000);
        assertThat(config.spawnMaxima().confined().perTurn()).isEqualTo(5_000_000);
        assertThat(config.spawn().confined().storageBytes()).isEqualTo(4096);
        assertThat(config.spawnMaxima().confined().storageBytes()).as("a maximum not set is the limit").isEqualTo(4096);
        assertThat(config.spawn().workerHeapMegabytes()).isEqualTo(256);
        assertThat(config.spawnMaxima().workerHeapMegabytes()).isEqualTo(512);
        assertThat(config.spawn().workerCpuSeconds()).isEqualTo(30);
        assertThat(parse("").spawn()).isEqualTo(SpawnLimits.defaults());
        assertThat(parse("").spawnMaxima()).isEqualTo(SpawnLimits.defaults());
    }

    @Test
    void aMaximumBelowItsLimitIsNamed() {
        assertThatThrownBy(() -> parse("spawn.messages.turn = 100\n\nspawn.messages.turn.max = 10\n"))
                .hasMessage("erg-server.conf line 3: spawn.messages.turn.max: 10 is below spawn.messages.turn = 100"
                        + " (a maximum must be at least the limit)");
        assertThatThrownBy(() -> parse("spawn.worker.heap.mb.max = 128\n"))
                .hasMessage("erg-server.conf line 1: spawn.worker.heap.mb.max: 128 is below spawn.worker.heap.mb = 256"
                        + " (a maximum must be at least the limit)");
    }

    @Test
    void whatPeersMayHoldIsReadAndCheckedAsAWhole() throws SetupException {
        assertThat(parse("").admission()).isEqualTo(Admission.DEFAULTS);
        assertThat(parse("""
                peers.connections = 50000
                peers.connections.per-address = 20000
                peers.partial-frames.bytes = 1_048_576
                peers.failed-lookups.per-second = 5
                """).admission()).isEqualTo(new Admission(50_000, 20_000, 1 << 20, 5));
        assertThat(parse("peers.connections = 100\n").admission().maxConnectionsPerAddress())
                .as("one address may hold them all unless told otherwise").isEqualTo(100);
        assertThatThrownBy(() -> parse("peers.connections = 100\npeers.connections.per-address = 101\n"))
                .hasMessage("erg-server.conf line 2: peers.connections.per-address: 101 is more than the 100 connections"
                        + " allowed in all (peers.connections)");
        String text = ConfigFile.defaults(ConfigFile.DEFAULT_LISTEN, Map.of(), MAKERS);
        assertThat(parse(text.replace("# peers.", "peers.")).admission()).isEqualTo(Admission.DEFAULTS);
    }

    @Test
    void theDefaultFileDocumentsEverySpawnLimit() {
        String text = ConfigFile.defaults(ConfigFile.DEFAULT_LISTEN, Map.of(), MAKERS);
        assertThat(SpawnLimits.NAMES).allSatisfy(name -> assertThat(text).contains("# spawn." + name + " = "));
    }

    @Test
    void theClusterKeysMakeTheClusterSection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pg-password"), "s3cret\n");
        ServerConfig config = ConfigFile.parse(dir.resolve("erg-server.conf"), """
                cluster.store = jdbc:postgresql://db:5432/erg
                cluster.user = erg
                cluster.password.file = pg-password
                cluster.key.file = /run/secrets/cluster-key
                cluster.heartbeat = 500ms
                cluster.lease = 3s
                cluster.price = 0.25
                cluster.capacity = 200
                cluster.placement = round-robin
                cluster.placement.counter = agoric
                cluster.rebalance = agoric
                cluster.budget = 3
                cluster.budget.counter = 1.5
                """, MAKERS);
        assertThat(config.cluster()).hasValueSatisfying(cluster -> {
            assertThat(cluster.store()).isEqualTo("jdbc:postgresql://db:5432/erg");
            assertThat(cluster.user()).isEqualTo("erg");
            assertThat(cluster.password()).isEqualTo("s3cret");
            assertThat(cluster.keyFile()).contains(Path.of("/run/secrets/cluster-key"));
            assertThat(cluster.heartbeat()).isEqualTo(java.time.Duration.ofMillis(500));
            assertThat(cluster.lease()).isEqualTo(java.time.Duration.ofSeconds(3));
            assertThat(cluster.price()).isEqualTo(0.25);
            assertThat(cluster.capacity()).isEqualTo(200);
            assertThat(cluster.postedPrice(0)).isEqualTo(0.25);
            assertThat(cluster.postedPrice(100)).as("at half the capacity, twice the idle price").isEqualTo(0.5);
            assertThat(cluster.placementOf("counter")).isEqualTo("agoric");
            assertThat(cluster.placementOf("greeter")).isEqualTo("round-robin");
            assertThat(cluster.rebalance()).isEqualTo("agoric");
            assertThat(cluster.budgetOf("counter")).isEqualTo(1.5);
            assertThat(cluster.budgetOf("greeter")).isEqualTo(3);
            assertThat(cluster.toString()).doesNotContain("s3cret");
        });
        assertThat(parse("cluster.store = jdbc:postgresql://db/erg\n").cluster()).hasValueSatisfying(cluster -> {
            assertThat(cluster.keyFile()).isEmpty();
            assertThat(cluster.lease()).isEqualTo(ClusterConfig.DEFAULT_LEASE);
            assertThat(cluster.placementOf("counter")).isEqualTo(ClusterConfig.DEFAULT_PLACEMENT);
            assertThat(cluster.rebalance()).isEqualTo("off");
            assertThat(cluster.capacity()).isEqualTo(ClusterConfig.DEFAULT_CAPACITY);
            assertThat(cluster.budgetOf("counter")).isEqualTo(ClusterConfig.DEFAULT_BUDGET);
        });
        assertThat(parse("").cluster()).isEmpty();
        assertThatThrownBy(() -> ConfigFile.parse(dir.resolve("erg-server.conf"), """
                cluster.store = jdbc:postgresql://db/erg
                cluster.password = a
                cluster.password.file = pg-password
                """, MAKERS))
                .hasMessage(dir.resolve("erg-server.conf") + " line 3: cluster.password.file: cluster.password is set too,"
                        + " on line 2; keep one");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cluster.heartbeat = 5001ms                | erg-server.conf line 2: cluster.heartbeat: the lease (10000 ms) must last at least two heartbeats (5001 ms each)
            cluster.lease = 3s                        | erg-server.conf line 2: cluster.lease: the lease (3000 ms) must last at least two heartbeats (2000 ms each)
            storage = jdbc:postgresql://other/erg     | erg-server.conf line 2: storage: a cluster member keeps durable state in the cluster's database (jdbc:postgresql://db/erg), not in jdbc:postgresql://other/erg
            """)
    void theClusterSectionIsCheckedAsAWhole(String line, String message) {
        String text = "cluster.store = jdbc:postgresql://db/erg\n" + line + "\n";
        assertThatThrownBy(() -> parse(text)).isInstanceOf(SetupException.class).hasMessage(message);
    }

    @Test
    void aWildcardListenAddressNeedsAnAdvertisedOne() throws SetupException {
        assertThatThrownBy(() -> parse("\nlisten = 0.0.0.0:7700\n"))
                .hasMessageStartingWith("erg-server.conf line 2: listen: 0.0.0.0 listens on every interface")
                .hasMessageContaining("add `advertise = <host>:<port>`");
        assertThat(parse("listen = 0.0.0.0:7700\nadvertise = vats.example.org:7700\n").advertise()).hasSize(1);
    }

    @Test
    void binaryJunkIsNotTakenForAConfiguration(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("erg-server.conf");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '=', 3});
        assertThatThrownBy(() -> ConfigFile.read(file, MAKERS))
                .isInstanceOf(SetupException.class)
                .hasMessage(file + " is not UTF-8 text; is it a configuration file?");
    }

    @Test
    void controlCharactersAndLongLinesAreShownSafely() {
        String junk = "\u0001\u0002" + "x".repeat(100);
        assertThatThrownBy(() -> parse(junk))
                .hasMessage("erg-server.conf line 1: expected `key = value`, found \"??" + "x".repeat(38) + "…\"");
    }

    @Test
    void aListenOptionIsReadLikeTheKey() throws SetupException {
        assertThat(ConfigFile.listenAddress("localhost:0").getPort()).isZero();
        assertThatThrownBy(() -> ConfigFile.listenAddress("localhost"))
                .hasMessage("--listen: \"localhost\" is not host:port");
    }
}
