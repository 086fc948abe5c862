package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.spawn.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vat-server spawn}: vats started on a server through its vat maker, by name or from a
 * bundle jar, from the command line.
 */
class SpawnCommandTest {

    private static final String COUNTER = "dev.erg.server.services.Counter";

    @TempDir
    Path tmp;

    @Test
    void spawnsByNameInTheServerAndInAWorkerAndFromABundleAndPrintsTheRootsSturdyRef() throws Exception {
        CliRun.run(tmp, "init", "data");
        Files.writeString(tmp.resolve("data/erg-server.conf"), "service.spawner = vat-maker\n", StandardOpenOption.APPEND);
        CliRun server = CliRun.serve(tmp, "run", "--data", "data");
        try {
            List<String> refs = awaitLines(server, 2);
            String vatMaker = refs.get(1);

            CliRun spawned = CliRun.run(tmp, "spawn", vatMaker, "--maker", "counter", "5");
            assertThat(spawned.status()).as(spawned.toString()).isZero();
            assertThat(spawned.out()).startsWith("captp://");
            assertThat(CliRun.run(tmp, "call", spawned.out().strip(), "increment", "1").out()).isEqualTo("6\n");

            CliRun inWorker = CliRun.run(tmp, "spawn", vatMaker, "--maker", "counter", "--worker", "40");
            assertThat(inWorker.status()).as(inWorker.toString()).isZero();
            assertThat(CliRun.run(tmp, "call", inWorker.out().strip(), "increment", "2").out()).isEqualTo("42\n");
            assertThat(CliRun.run(tmp, "call", spawned.out().strip(), "value").out()).as("a vat of its own").isEqualTo("6\n");

            failsWith(CliRun.run(tmp, "spawn", vatMaker, "--maker", "counter", "--limit", "cpu=1"),
                    "--limit: no limit is called \"cpu\" (known: computrons.turn, computrons.vat, messages.turn,"
                            + " messages.pending, storage.bytes, worker.heap.mb, worker.cpu.seconds)");
            failsWith(CliRun.run(tmp, "spawn", vatMaker, "--maker", "counter", "--limit", "worker.heap.mb=1024"),
                    "LimitRefused: asked for more than this server allows: worker.heap.mb 1024 > 256");
            failsWith(CliRun.run(tmp, "spawn", vatMaker, "--maker", "nonesuch"),
                    "UnknownMaker: no root maker is called \"nonesuch\" (known: counter, spinner)");
            failsWith(CliRun.run(tmp, "spawn", vatMaker, "--maker", "counter", "\"ten\""),
                    "BadArguments: counter: the start is a String (expected: an integer)");
            Path jar = Files.write(tmp.resolve("plugin.jar"), Plugins.tally());
            CliRun bundled = CliRun.run(tmp, "spawn", vatMaker, jar.toString(), "--root", COUNTER,
                    "--limit", "computrons.turn=5000000", "--limit", "storage.bytes=0", "7");
            assertThat(bundled.status()).as(bundled.toString()).isZero();
            CliRun called = CliRun.run(tmp, "call", bundled.out().strip(), "increment", "3");
            assertThat(called.out()).as(called.toString()).isEqualTo("10\n");

            Path rogue = Files.write(tmp.resolve("rogue.jar"), Plugins.rogue(1));
            CliRun refused = CliRun.run(tmp, "spawn", vatMaker, rogue.toString(), "--root", COUNTER);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(Cli.FAILED);
            assertThat(refused.err()).startsWith("vat-server: BundleRejected: bundle ").contains(
                    "3 violations: plug.Rogue.escape0()V @0: allow-list: calls java.lang.System.getenv()");
            Path junk = Files.write(tmp.resolve("junk.jar"), new byte[] {1, 2, 3});
            failsWith(CliRun.run(tmp, "spawn", vatMaker, junk.toString(), "--root", COUNTER),
                    "BundleRejected: bundle 039058c6f2c0: 1 violation: bundle: malformed: names no entry class"
                            + " (manifest attribute Erg-Entry)");
            failsWith(CliRun.run(tmp, "spawn", vatMaker, jar.toString(), "--root", "java.lang.Runnable"),
                    "UnknownInterface: java.lang.Runnable is not a root interface this server registered (registered:"
                            + " counter: dev.erg.server.services.Counter, spinner: dev.erg.server.spawn.Spinner)");
            failsWith(CliRun.run(tmp, "spawn", vatMaker, jar.toString()),
                    "a bundle needs --root INTERFACE, the root interface to reach it through");
        } finally {
            assertThat(server.stop()).isZero();
        }
    }

    private static void failsWith(CliRun run, String message) {
        assertThat(run.status()).as(run.toString()).isEqualTo(Cli.FAILED);
        assertThat(run.err().lines().toList()).as(run.toString()).containsExactly("vat-server: " + message);
    }

    private static List<String> awaitLines(CliRun server, int count) throws InterruptedException {
        for (int i = 0; i < 3000 && server.out().lines().count() < count; i++) {
            Thread.sleep(10);
        }
        List<String> lines = server.out().lines().toList();
        assertThat(lines).as(server.toString()).hasSize(count);
        return lines;
    }
}
