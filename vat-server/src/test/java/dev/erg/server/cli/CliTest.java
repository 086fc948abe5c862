package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.net.PeerListener;
import dev.erg.server.FreePort;
import dev.erg.server.Snapshot;
import dev.erg.server.services.Greeter;
import dev.erg.server.spi.Descriptions;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the command line, run in-process, and the one line each mistake earns. */
class CliTest {

    @TempDir
    Path tmp;


    /** Asserts that {@code run} failed with exactly the one line {@code message} on stderr. */
    private static void failsWith(CliRun run, String message) {
        assertThat(run.status()).as(run.toString()).isEqualTo(Cli.FAILED);
        assertThat(run.err().lines().toList()).as(run.toString()).containsExactly("vat-server: " + message);
    }

    @Test
    void initMakesADataDirectoryAndRefusesToMakeItTwice() throws Exception {
        CliRun made = CliRun.run(tmp, "init", "data", "--listen", "127.0.0.1:7701");
        assertThat(made.status()).as(made.toString()).isZero();
        DataDir dir = DataDir.open(tmp.resolve("data"));
        assertThat(made.out()).isEqualTo("made " + dir.root() + " for vat " + dir.vatId() + "\n");
        assertThat(Files.readString(dir.root().resolve("erg-server.conf")))
                .contains("listen = 127.0.0.1:7701", "service.counter = counter", "# metrics.port = 9700");
        Snapshot before = Snapshot.of(dir.root());

        failsWith(CliRun.run(tmp, "init", "data"), tmp.resolve("data") + " already exists and is not empty;"
                + " init never overwrites a data directory, so give it a new or empty one");
        assertThat(Snapshot.of(dir.root())).isEqualTo(before);
        failsWith(CliRun.run(tmp, "init", "other", "--listen", "localhost"), "--listen: \"localhost\" is not host:port");
        assertThat(tmp.resolve("other")).doesNotExist();
    }

    @Test
    void withoutArgumentsItMakesErgDataServesItAndSaysWhatToTryNext() throws Exception {
        CliRun server = CliRun.serve(tmp, Map.of(Launch.COMMAND_VARIABLE, "bin/vat-server"));
        String ref = server.firstLine();
        assertThat(ref).as(server.toString()).startsWith("captp://");
        awaitErr(server, "stop\n");
        assertThat(server.err().lines()).containsExactly(
                "made the data directory erg-data for vat " + DataDir.open(tmp.resolve("erg-data")).vatId(),
                "try, from another terminal in this directory:",
                "  bin/vat-server call " + ref + " increment 5",
                "  bin/vat-server stop");
        // What the hint says works as it is written.
        CliRun call = CliRun.run(tmp, "call", ref, "increment", "5");
        assertThat(call.out()).as(call.toString()).isEqualTo("5\n");
        CliRun stop = CliRun.run(tmp, "stop");
        assertThat(stop.status()).as(stop.toString()).isZero();
        assertThat(server.awaitEnd()).isZero();

        // A second start serves the same directory and prints the same ref (but for the port, picked afresh), without hints.
        CliRun again = CliRun.serve(tmp);
        try {
            assertThat(again.firstLine().substring(again.firstLine().lastIndexOf('/'))).isEqualTo(ref.substring(ref.lastIndexOf('/')));
            assertThat(again.err()).isEmpty();
        } finally {
            assertThat(again.stop()).isZero();
        }
    }

    /** Waits (up to 10 s) until {@code run} has printed {@code text} on stderr, which may follow its stdout. */
    private static void awaitErr(CliRun run, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!run.err().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void stopStopsTheRunningServerWhosePidTheLockFileHolds() throws Exception {
        CliRun.run(tmp, "init", "data");
        Path lock = tmp.resolve("data/server.lock");
        long pid = ProcessHandle.current().pid();
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        assertThat(server.firstLine()).as(server.toString()).startsWith("captp://");
        assertThat(lock).hasContent(pid + "\n");
        CliRun status = CliRun.run(tmp, "status", "--data", "data");
        assertThat(status.out()).as(status.toString()).contains("pid       " + pid + "\n");

        CliRun stop = CliRun.run(tmp, "stop", "--data", "data");
        assertThat(stop.out()).as(stop.toString()).isEqualTo("stopped the vat-server on " + tmp.resolve("data") + " (pid " + pid + ")\n");
        assertThat(server.awaitEnd()).as(server.toString()).isZero();
        assertThat(tmp.resolve("data/admin.ref")).doesNotExist();
        assertThat(lock).as("a clean stop leaves no pid behind").isEmptyFile();

        failsWith(CliRun.run(tmp, "stop", "--data", "data"), "no vat-server is running on " + tmp.resolve("data"));
        failsWith(CliRun.run(tmp, "stop", "--data", "data", "--timeout", "0"), "--timeout: 0 (expected: at least 1 second)");
    }

    @Test
    void aPidLeftInTheLockFileIsReportedAsAServerThatEndedWithoutStopping() throws Exception {
        CliRun.run(tmp, "init", "data");
        Path lock = tmp.resolve("data/server.lock");
        Files.writeString(lock, "4194999\n");
        String ended = "no vat-server is running on " + tmp.resolve("data")
                + " (the last one, pid 4194999, ended without stopping: it was killed or crashed)";
        failsWith(CliRun.run(tmp, "stop", "--data", "data"), ended);
        failsWith(CliRun.run(tmp, "status", "--data", "data"), ended + "; start one with `vat-server run --data data`");
        assertThat(lock).as("asking changes nothing").hasContent("4194999\n");

        Files.writeString(lock, "not a pid\n");
        failsWith(CliRun.run(tmp, "stop", "--data", "data"), "no vat-server is running on " + tmp.resolve("data"));

        Files.writeString(lock, "4194999\n");
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            assertThat(server.firstLine()).as(server.toString()).startsWith("captp://");
            assertThat(lock).hasContent(ProcessHandle.current().pid() + "\n");
        } finally {
            assertThat(server.stop()).isZero();
        }
    }

    @Test
    void callsComeFromOneClientIdentityKeptInTheUsersConfigDirectory() throws Exception {
        Queue<String> callers = new ConcurrentLinkedQueue<>();
        try (VatRuntime runtime = VatRuntime.builder().threads(1).build();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty())) {
            Vat vat = runtime.newVat("greeter");
            node.onSessionLost(vat.export((peer, why) -> callers.add(peer), PeerListener.class));
            InetSocketAddress at = node.listen(new InetSocketAddress("127.0.0.1", 0));
            SturdyRef ref = new SturdyRef(node.vatId(), List.of(at), SwissNumber.random(new SecureRandom()));
            node.reinstate(ref, vat.export(new Greeter() {
                @Override
                public Promise<String> greet(String name) {
                    return Promise.of("hello, " + name);
                }

                @Override
                public Promise<List<Map<String, Object>>> describe() {
                    return Promise.of(Descriptions.of(Greeter.class));
                }
            }, Greeter.class));

            for (int i = 0; i < 2; i++) {
                CliRun call = CliRun.run(tmp, "call", ref.toString(), "greet", "\"Ada\"");
                assertThat(call.out()).as(call.toString()).isEqualTo("\"hello, Ada\"\n");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (callers.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        Path key = tmp.resolve(".config/erg/" + ClientIdentity.FILE);
        String kept = VatIdentity.load(key, null).vatId().toString();
        assertThat(callers).as("the vat id each call's session came from").containsExactly(kept, kept);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
        assertThat(key.getParent()).isDirectoryNotContaining(p -> !p.equals(key));
    }

    @Test
    void aDamagedClientIdentityIsOneLineSayingToDeleteIt() throws Exception {
        Path key = tmp.resolve(".config/erg/" + ClientIdentity.FILE);
        Files.createDirectories(key.getParent());
        Files.writeString(key, "not a key\n");
        SturdyRef nowhere = new SturdyRef(VatIdentity.generate(new SecureRandom()).vatId(),
                List.of(InetSocketAddress.createUnresolved("127.0.0.1", 1)), SwissNumber.random(new SecureRandom()));
        CliRun call = CliRun.run(tmp, "call", "--no-describe", nowhere.toString(), "value");
        assertThat(call.status()).isEqualTo(Cli.FAILED);
        assertThat(call.err()).startsWith("vat-server: key file " + key + ": ")
                .endsWith("; delete it, and the next command makes a new client identity\n").hasLineCount(1);
    }

    @Test
    void aRunningServerIsManagedThroughItsAdminObject() throws Exception {
        CliRun.run(tmp, "init", "data");
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            String counter = server.firstLine();
            assertThat(counter).as(server.toString()).startsWith("captp://");
            assertThat(server.out().lines()).hasSize(1);

            CliRun status = CliRun.run(tmp, "status", "--data", "data");
            assertThat(status.status()).as(status.toString()).isZero();
            assertThat(status.out()).contains("sessions  1").containsPattern("counter\\s+counter\\s+0\\s+0\\s+0");

            assertThat(status.out()).contains("durable   generation 1, ");
            String stranger = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
            failsWith(CliRun.run(tmp, "outbox", "resume", stranger, "--data", "data"),
                    "NoStoppedOutbox: this vat has no outbox to vat " + stranger);

            CliRun mint = CliRun.run(tmp, "sturdy", "mint", "counter", "--data", "data");
            assertThat(mint.status()).as(mint.toString()).isZero();
            assertThat(mint.err()).as("online: no note about files").isEmpty();
            String minted = mint.out().strip();
            assertThat(CliRun.run(tmp, "call", minted, "increment", "2").out()).isEqualTo("2\n");

            String partner = CliRun.run(tmp, "sturdy", "mint", "counter", "--revocable", "--data", "data").out().strip();
            assertThat(CliRun.run(tmp, "call", partner, "increment", "1").out()).isEqualTo("3\n");

            CliRun list = CliRun.run(tmp, "sturdy", "list", "--data", "data");
            assertThat(list.out().lines())
                    .containsExactly("counter\t" + counter, "counter\t" + minted, "counter\t" + partner + "\trevocable");

            failsWith(CliRun.run(tmp, "sturdy", "revoke", minted, "--live", "--data", "data"),
                    "NotRevocable: the sturdy ref was not minted revocable, so the references obtained through it reach"
                            + " the service directly and cannot be cut; it is still in force (revoke it without cutting"
                            + " live references, or mint revocable refs to hand out)");
            assertThat(CliRun.run(tmp, "sturdy", "revoke", partner, "--live", "--data", "data").out()).isEqualTo("revoked\n");
            failsWith(CliRun.run(tmp, "call", partner, "value"), "NotFound: no object is registered under this swiss number");

            CliRun revoke = CliRun.run(tmp, "sturdy", "revoke", minted, "--data", "data");
            assertThat(revoke.out()).as(revoke.toString()).isEqualTo("revoked\n");
            failsWith(CliRun.run(tmp, "call", minted, "value"), "NotFound: no object is registered under this swiss number");
            failsWith(CliRun.run(tmp, "sturdy", "revoke", minted, "--data", "data"),
                    "no object was registered under that sturdy ref");
            failsWith(CliRun.run(tmp, "sturdy", "mint", "shop", "--data", "data"),
                    "NoSuchService: no service called \"shop\" is hosted (hosted: counter)");
        } finally {
            assertThat(server.stop()).isZero();
        }
        assertThat(tmp.resolve("data/admin.ref")).doesNotExist();
    }

    @Test
    void withNoServerRunningSturdyRefsAreEditedOnDiskForTheNextStart() throws Exception {
        int port = FreePort.pick();
        CliRun.run(tmp, "init", "data", "--listen", "127.0.0.1:" + port);

        CliRun mint = CliRun.run(tmp, "sturdy", "mint", "counter", "--data", "data");
        assertThat(mint.status()).as(mint.toString()).isZero();
        assertThat(mint.err()).isEqualTo("(no vat-server is running on data: added to its files;"
                + " the server serves it from its next start)\n");
        String minted = mint.out().strip();
        assertThat(minted).startsWith("captp://" + DataDir.open(tmp.resolve("data")).vatId() + "@127.0.0.1:" + port + "/");
        String doomed = CliRun.run(tmp, "sturdy", "mint", "counter", "--data", "data").out().strip();
        failsWith(CliRun.run(tmp, "sturdy", "revoke", doomed, "--live", "--data", "data"),
                "the sturdy ref was not minted revocable (`sturdy mint --revocable`), so the references obtained through"
                        + " it reach the service directly and cannot be cut; it is still in force");
        assertThat(CliRun.run(tmp, "sturdy", "revoke", doomed, "--data", "data").out()).isEqualTo("revoked\n");
        String partner = CliRun.run(tmp, "sturdy", "mint", "counter", "--revocable", "--data", "data").out().strip();
        assertThat(CliRun.run(tmp, "sturdy", "list", "--data", "data").out().lines())
                .containsExactly("counter\t" + minted, "counter\t" + partner + "\trevocable");
        assertThat(CliRun.run(tmp, "sturdy", "revoke", partner, "--live", "--data", "data").out()).isEqualTo("revoked\n");
        failsWith(CliRun.run(tmp, "sturdy", "mint", "shop", "--data", "data"),
                "no service called \"shop\" is configured (configured: counter)");

        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            assertThat(server.firstLine()).as("the service's oldest ref is the one printed").isEqualTo(minted);
            assertThat(CliRun.run(tmp, "call", minted, "increment", "3").out()).isEqualTo("3\n");
            failsWith(CliRun.run(tmp, "call", doomed, "value"), "NotFound: no object is registered under this swiss number");
        } finally {
            server.stop();
        }
    }

    @Test
    void statusNeedsARunningServer() {
        CliRun.run(tmp, "init", "data");
        failsWith(CliRun.run(tmp, "status", "--data", "data"),
                "no vat-server is running on " + tmp.resolve("data") + "; start one with `vat-server run --data data`");
    }

    @Test
    void describeListsTheMethodsOfObjectsThatDescribeThemselves() throws Exception {
        CliRun.run(tmp, "init", "data");
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            CliRun described = CliRun.run(tmp, "describe", server.firstLine());
            assertThat(described.out().lines()).as(described.toString()).containsExactly(
                    "describe() -> list", "increment(by: integer) -> integer", "value() -> integer");
            String admin = Files.readString(tmp.resolve("data/admin.ref")).strip();
            failsWith(CliRun.run(tmp, "describe", admin), "the object does not describe itself (it has no `describe`"
                    + " method answering by the Describable convention); call its methods by name with `vat-server call`");
        } finally {
            server.stop();
        }
    }

    @Test
    void callChecksItsArgumentsAndReportsProblemsInOneLine() throws Exception {
        CliRun.run(tmp, "init", "data");
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        String counter = server.firstLine();
        try {
            assertThat(CliRun.run(tmp, "call", counter, "increment", "-4").out()).isEqualTo("-4\n");
            assertThat(CliRun.run(tmp, "call", counter, "value").out()).isEqualTo("-4\n");
            assertThat(CliRun.run(tmp, "call", counter, "describe").out()).startsWith("[{\"");
            failsWith(CliRun.run(tmp, "call", counter, "increment", "\"five\""),
                    "argument 1 (by): expected an integer, got \"five\"");
            failsWith(CliRun.run(tmp, "call", counter, "increment"), "increment(by: integer) -> integer takes 1 argument, given 0");
            failsWith(CliRun.run(tmp, "call", counter, "reset"),
                    "the object has no method \"reset\"; it answers describe, increment, value");
            CliRun undescribed = CliRun.run(tmp, "call", "--no-describe", counter, "reset");
            assertThat(undescribed.status()).isEqualTo(Cli.FAILED);
            assertThat(undescribed.err()).isEqualTo("vat-server: NotCallable: Counter has no method reset\n");
            CliRun notJson = CliRun.run(tmp, "call", counter, "increment", "five");
            assertThat(notJson.status()).isEqualTo(Cli.FAILED);
            assertThat(notJson.err()).startsWith("vat-server: argument 1: not JSON: ").hasLineCount(1);
        } finally {
            server.stop();
        }
        // The server is gone: the ref's vat cannot be reached.
        CliRun gone = CliRun.run(tmp, "call", "--timeout", "5", counter, "value");
        assertThat(gone.status()).isEqualTo(Cli.FAILED);
        assertThat(gone.err()).startsWith("vat-server: Unavailable: cannot reach vat ").hasLineCount(1);
    }

    @Test
    void aSturdyRefThatDoesNotParseIsOneLineWithoutItsSecret() {
        String secret = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        failsWith(CliRun.run(tmp, "call", "captp://not-a-vat-id@127.0.0.1:7700/" + secret, "value"),
                "sturdy ref captp://not-a-vat-id@127.0.0.1:7700/…: vat id: expected 52 characters, got 12");
        failsWith(CliRun.run(tmp, "describe", "http://example.org"), "sturdy ref http://example.org: must start with captp://");
        CliRun.run(tmp, "init", "data");
        failsWith(CliRun.run(tmp, "sturdy", "revoke", "captp://x", "--data", "data"),
                "sturdy ref captp://x: no '@' after the vat id");
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        CliRun run = CliRun.run(tmp, "call", "captp://x");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter").contains("Usage: vat-server call");
        assertThat(CliRun.run(tmp, "frobnicate").status()).isEqualTo(2);
        CliRun help = CliRun.run(tmp, "help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("init", "run", "sturdy", "status", "stop", "call", "describe");
    }

    @Test
    void badConfigurationStopsTheStartInOneLineAndChangesNothing() throws Exception {
        CliRun.run(tmp, "init", "data");
        Path config = tmp.resolve("data/erg-server.conf");
        Files.writeString(config, Files.readString(config) + "service.shop = nosuchmaker\n");
        long line = Files.readString(config).lines().count();
        Snapshot before = Snapshot.of(tmp.resolve("data"));

        failsWith(CliRun.run(tmp, "run", "--data", "data"), config + " line " + line
                + ": service.shop: no service maker is called \"nosuchmaker\" (known: counter, courier, gatherer, greeter, journal, ledger, sink, streamer, vat-maker)");
        assertThat(Snapshot.of(tmp.resolve("data"))).isEqualTo(before);
    }

    @Test
    void aForeignOrMissingDataDirectoryIsOneLine() throws Exception {
        Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(tmp.resolve("photos/cat.jpg"), "meow");
        failsWith(CliRun.run(tmp, "run", "--data", "photos"), tmp.resolve("photos") + " is not a vat-server data directory"
                + " (it has no FORMAT file); point --data at one made by `vat-server init`");
        failsWith(CliRun.run(tmp, "sturdy", "list", "--data", "nowhere"),
                "there is no data directory at " + tmp.resolve("nowhere") + "; make one with `vat-server init "
                        + tmp.resolve("nowhere") + "`");
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun.run(tmp, "init", "data", "--listen", "127.0.0.1:" + taken.getLocalPort());
            failsWith(CliRun.run(tmp, "run", "--data", "data"), "127.0.0.1:" + taken.getLocalPort() + " is in use (listen, in "
                    + tmp.resolve("data/erg-server.conf") + "); stop what uses it, or choose another port");
        }
    }

    @Test
    void thePassphraseComesFromTheEnvironmentOrAFile() throws Exception {
        Map<String, String> env = Map.of("ERG_PASSPHRASE", "correct horse");
        assertThat(CliRun.run(tmp, env, "init", "data").status()).isZero();
        assertThat(Files.readString(tmp.resolve("data/identity.pem"))).contains("ENCRYPTED PRIVATE KEY");
        Path key = tmp.resolve("data/identity.pem");

        failsWith(CliRun.run(tmp, "run", "--data", "data"), "key file " + key + ": the key is encrypted and no passphrase"
                + " was given; give the passphrase in the environment variable ERG_PASSPHRASE or with --passphrase-file");
        Files.writeString(tmp.resolve("wrong"), "battery staple\n");
        failsWith(CliRun.run(tmp, "run", "--data", "data", "--passphrase-file", "wrong"), "key file " + key
                + ": wrong passphrase; give the passphrase in the environment variable ERG_PASSPHRASE or with --passphrase-file");
        Files.writeString(tmp.resolve("empty"), "");
        failsWith(CliRun.run(tmp, "run", "--data", "data", "--passphrase-file", "empty"),
                "the passphrase file " + tmp.resolve("empty") + " is empty; its first line must be the passphrase");

        Files.writeString(tmp.resolve("right"), "correct horse\n");
        for (List<String> args : List.of(List.of("run", "--data", "data", "--passphrase-file", "right"))) {
            CliRun server = CliRun.serve(tmp, args.toArray(String[]::new));
            assertThat(server.firstLine()).as(server.toString()).startsWith("captp://");
            assertThat(server.stop()).isZero();
        }
        CliRun server = CliRun.serve(tmp, env, "run", "--data", "data");
        assertThat(server.firstLine()).as(server.toString()).startsWith("captp://");
        assertThat(server.stop()).isZero();
    }
}
