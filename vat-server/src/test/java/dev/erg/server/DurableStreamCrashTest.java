package dev.erg.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.store.DataDir;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link Streamer} on one vat-server writes {@value #ENTRIES} entries through a durable stream
 * to a {@link Gatherer} on another, while either server, chosen at random, is killed with
 * SIGKILL at a random instant, {@value #KILLS} times, and started again on the same port and
 * data directory. At the end the gatherer has every entry once, in order, then the close, and
 * the streamer has heard that the stream ended well.
 *
 * <p>The kill instants and victims come from a seed printed with any failure; the system
 * property {@code erg.crash.seed} sets it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DurableStreamCrashTest {

    private static final int KILLS = 8;
    private static final long ENTRIES = 1_000;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private final long seed = Long.getLong("erg.crash.seed", new SecureRandom().nextLong());
    private final Random random = new Random(seed);

    /** One server of the test: its data directory and the process now running it. */
    private final class Server {
        final Path data;
        ServerProcess process;
        int starts;

        Server(String name, String maker) throws Exception {
            data = tmp.resolve(name);
            DataDir.init(data, "listen = 127.0.0.1:" + FreePort.pick() + "\nservice." + maker + " = " + maker
                    + "\ncommit.batch = " + List.of(1, 32, 256).get(random.nextInt(3)) + "\n", null);
            start();
        }

        void start() throws IOException {
            starts++;
            process = ServerProcess.start(Files.createDirectories(tmp.resolve(data.getFileName() + "-" + starts)),
                    "run", "--data", data.toString());
        }

        SturdyRef ref() throws InterruptedException {
            return SturdyRef.parse(process.line(0));
        }
    }

    @Test
    void everyEntryArrivesOnceInOrderThroughKillsOfEitherServer() throws Exception {
        try {
            run();
        } catch (Throwable e) {
            throw new AssertionError("seed " + seed + " (-Derg.crash.seed=" + seed + " repeats it): " + e, e);
        }
    }

    private void run() throws Exception {
        Server a = new Server("a", "streamer");
        Server b = new Server("b", "gatherer");
        try (CapTpClient client = CapTpClient.start(PassableRegistry.builder().add(Streamer.Report.class)
                .add(Gatherer.Report.class).build(), Duration.ofSeconds(10))) {
            SturdyRef streamerRef = a.ref();
            SturdyRef gathererRef = b.ref();
            Supplier<Streamer.Report> streamer = () -> client.await(client.connect(streamerRef, Streamer.class).report());
            Supplier<Gatherer.Report> gatherer = () -> client.await(client.connect(gathererRef, Gatherer.class).report());
            Streamer writer = client.connect(streamerRef, Streamer.class);
            client.await(writer.open(gathererRef.toString(), "orders", 64));
            client.await(writer.write(ENTRIES));
            client.await(writer.closeWhenWritten("done"));

            int killedA = 0;
            List<Long> atKills = new ArrayList<>();
            long seen = 0;
            for (int k = 0; k < KILLS; k++) {
                // Each kill lands while entries flow: after the gatherer has taken more since the last one.
                long before = seen;
                seen = until(gatherer, r -> r.entries() > before || !r.end().isEmpty()).entries();
                Thread.sleep(random.nextInt(300));
                Server victim = random.nextBoolean() ? a : b;
                killedA += victim == a ? 1 : 0;
                atKills.add(seen);
                assertThat(victim.process.kill()).as("exit status, killed").isEqualTo(ServerProcess.KILLED);
                victim.start();
                assertThat(victim.ref()).as("the service's sturdy ref after a restart")
                        .isEqualTo(victim == a ? streamerRef : gathererRef);
            }

            Gatherer.Report received = until(gatherer, r -> !r.end().isEmpty());
            assertThat(received).isEqualTo(new Gatherer.Report(1, "orders", ENTRIES, ENTRIES, 0, "closed " + ENTRIES + " done"));
            Streamer.Report sent = until(streamer, Streamer.Report::ended);
            assertThat(sent.problem()).isEmpty();
            assertThat(sent.consumed()).isEqualTo(ENTRIES);
            System.out.printf("durable stream through kills: seed %d, %d kills (%d of the writer), entries consumed"
                    + " before each: %s, of %d%n", seed, KILLS, killedA, atKills, ENTRIES);
        } finally {
            a.process.close();
            b.process.close();
        }
    }

    /** Asks {@code probe} until {@code done} accepts its answer, riding out refused connections to a server starting. */
    private static <T> T until(Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        RuntimeException last = null;
        T answer = null;
        while (System.nanoTime() < deadline) {
            try {
                answer = probe.get();
                if (done.test(answer)) {
                    return answer;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        if (answer == null && last != null) {
            throw last;
        }
        return answer;
    }
}
