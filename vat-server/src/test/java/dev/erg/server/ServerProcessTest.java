package dev.erg.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.cli.CliRun;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real server in a JVM of its own, reached the way its users reach it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerProcessTest {

    @TempDir
    Path tmp;

    @Test
    void theServerPrintsItsSturdyRefAndTheClientCallsIt() throws Exception {
        assertThat(CliRun.run(tmp, "init", "data").status()).isZero();
        try (ServerProcess server = ServerProcess.start(tmp, "run", "--data", "data")) {
            String ref = server.line(0);
            assertThat(ref).as(server.describe()).startsWith("captp://" + DataDir.open(tmp.resolve("data")).vatId() + "@");

            CliRun call = CliRun.run(tmp, "call", ref, "increment", "5");
            assertThat(call.out()).as(call.toString()).isEqualTo("5\n");
            assertThat(CliRun.run(tmp, "call", ref, "increment", "37").out()).isEqualTo("42\n");
            CliRun status = CliRun.run(tmp, "status", "--data", "data");
            // Each call asked the counter to describe itself first: four messages, four turns.
            assertThat(status.out()).as(status.toString()).containsPattern("counter\\s+counter\\s+0\\s+4\\s+4");

            assertThat(server.terminate()).as(server.describe()).isZero();
            assertThat(server.describe()).contains("shutting down", "stopped");
        }
        assertThat(tmp.resolve("data/admin.ref")).doesNotExist();
    }

    /**
     * {@code stop} stops the server process and returns once it has exited; a server killed
     * with SIGKILL leaves its pid in the lock file, which {@code stop} and the next start report.
     */
    @Test
    void stopEndsTheServerProcessAndAKilledOneIsReportedByItsPid() throws Exception {
        assertThat(CliRun.run(tmp, "init", "data").status()).isZero();
        Path dir = tmp.resolve("data");
        try (ServerProcess server = ServerProcess.start(tmp, "run", "--data", "data")) {
            server.line(0);
            CliRun status = CliRun.run(tmp, "status", "--data", "data");
            assertThat(status.out()).as(status.toString()).contains("pid       " + server.pid() + "\n");

            CliRun stop = CliRun.run(tmp, "stop", "--data", "data");
            assertThat(stop.out()).as(stop.toString()).isEqualTo("stopped the vat-server on " + dir + " (pid " + server.pid() + ")\n");
            assertThat(server.exitStatus()).isZero();
            assertThat(server.describe()).contains("asked to stop through the admin object", "stopped");
        }
        assertThat(dir.resolve("admin.ref")).doesNotExist();
        assertThat(dir.resolve("server.lock")).isEmptyFile();

        long killed;
        try (ServerProcess server = ServerProcess.start(tmp, "run", "--data", "data")) {
            server.line(0);
            killed = server.pid();
            assertThat(server.kill()).isEqualTo(ServerProcess.KILLED);
        }
        CliRun stop = CliRun.run(tmp, "stop", "--data", "data");
        assertThat(stop.status()).isEqualTo(1);
        assertThat(stop.err()).isEqualTo("vat-server: no vat-server is running on " + dir + " (the last one, pid " + killed
                + ", ended without stopping: it was killed or crashed)\n");
        try (ServerProcess server = ServerProcess.start(tmp, "run", "--data", "data")) {
            server.line(0);
            assertThat(server.describe()).contains("the last vat-server on " + dir + " (pid " + killed + ") ended without stopping");
            assertThat(server.terminate()).isZero();
        }
    }

    /**
     * Clients call continuously; the server gets SIGTERM. It exits 0, every client learns that
     * the server shut down, and every turn that began also ended: the journal, written twice
     * per turn, has no "begin" without its "end".
     */
    @Test
    void sigtermUnderLoadStopsInOrder() throws Exception {
        DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.journal = journal\n", null);
        List<Problem> problems = new ArrayList<>();
        AtomicLong answered = new AtomicLong();
        try (ServerProcess server = ServerProcess.start(tmp, "run", "--data", "data");
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(30))) {
            Journal journal = client.connect(SturdyRef.parse(server.line(0)), Journal.class);
            ConcurrentLinkedQueue<Problem> broken = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(Thread.ofPlatform().name("caller-" + i).start(() -> {
                    try {
                        while (true) {
                            client.await(journal.record());
                            answered.incrementAndGet();
                        }
                    } catch (ProblemException e) {
                        broken.add(e.problem());
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(answered.get()).as("calls answered before SIGTERM").isGreaterThanOrEqualTo(100);

            assertThat(server.terminate()).as(server.describe()).isZero();
            for (Thread caller : callers) {
                caller.join(TimeUnit.SECONDS.toMillis(30));
            }
            problems.addAll(broken);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Ref.kind(journal) != RefKind.BROKEN && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            problems.add(Ref.problem(journal));
        }
        assertThat(problems).hasSize(5).allSatisfy(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(problem.message()).endsWith("peer aborted: " + VatServer.SHUTDOWN_REASON);
        });

        List<String> lines = Files.readAllLines(tmp.resolve("data/services/journal/" + JournalMaker.FILE));
        assertThat(lines.size()).as("two lines per turn").isEven().isGreaterThanOrEqualTo(2 * (int) answered.get());
        for (int i = 0; i < lines.size(); i += 2) {
            long n = i / 2 + 1;
            assertThat(lines.subList(i, i + 2)).as("turn %d", n).containsExactly("begin " + n, "end " + n);
        }
    }
}
