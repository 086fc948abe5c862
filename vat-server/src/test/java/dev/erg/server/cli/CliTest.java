package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.FreePort;
import dev.erg.server.Snapshot;
import dev.erg.server.store.DataDir;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void withoutArgumentsItMakesErgDataServesItAndPrintsTheSampleRef() throws Exception {
        CliRun server = CliRun.serve(tmp);
        try {
            assertThat(server.firstLine()).as(server.toString()).startsWith("captp://");
            assertThat(server.err()).startsWith("made the data directory erg-data for vat ");
            CliRun call = CliRun.run(tmp, "call", server.firstLine(), "increment", "5");
            assertThat(call.out()).as(call.toString()).isEqualTo("5\n");
        } finally {
            assertThat(server.stop()).isZero();
        }
        // A second start serves the same directory and prints the same ref (but for the port, picked afresh).
        String first = server.firstLine();
        CliRun again = CliRun.serve(tmp);
        try {
            assertThat(again.firstLine().substring(again.firstLine().lastIndexOf('/')))
                    .isEqualTo(first.substring(first.lastIndexOf('/')));
            assertThat(again.err()).doesNotContain("made the data directory");
        } finally {
            assertThat(again.stop()).isZero();
        }
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

            CliRun list = CliRun.run(tmp, "sturdy", "list", "--data", "data");
            assertThat(list.out().lines()).containsExactly("counter\t" + counter, "counter\t" + minted);

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
        assertThat(CliRun.run(tmp, "sturdy", "revoke", doomed, "--data", "data").out()).isEqualTo("revoked\n");
        assertThat(CliRun.run(tmp, "sturdy", "list", "--data", "data").out().lines())
                .containsExactly("counter\t" + minted);
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
            assertThat(undescribed.err()).startsWith("vat-server: NotCallable: cannot send reset() to a ").hasLineCount(1);
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
        assertThat(help.out()).contains("init", "run", "sturdy", "status", "call", "describe");
    }

    @Test
    void badConfigurationStopsTheStartInOneLineAndChangesNothing() throws Exception {
        CliRun.run(tmp, "init", "data");
        Path config = tmp.resolve("data/erg-server.conf");
        Files.writeString(config, Files.readString(config) + "service.shop = nosuchmaker\n");
        long line = Files.readString(config).lines().count();
        Snapshot before = Snapshot.of(tmp.resolve("data"));

        failsWith(CliRun.run(tmp, "run", "--data", "data"), config + " line " + line
                + ": service.shop: no service maker is called \"nosuchmaker\" (known: counter, courier, greeter, journal, ledger, sink)");
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
