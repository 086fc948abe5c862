package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.client.TurnMarks;
import dev.erg.server.services.Counter;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lone vat, with no durable peer to notice, restored from a backup that predates turns it
 * acknowledged: its clients notice, from what they remember of its progress.
 */
class LoneVatRestoreTest {

    private static final int INCREMENTS = 200;

    @TempDir
    Path tmp;

    @Test
    void aClientNoticesAVatRestoredBehindTheTurnsItSawAcknowledged() throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        Mailbox.PASSABLES.forEach(registry::add);
        Path marksFile = tmp.resolve("turn-marks");
        try (Peer vat = Peer.init(tmp.resolve("vat"), "counter");
             CapTpClient client = CapTpClient.start(registry.build(), Duration.ofSeconds(10))) {
            vat.start();
            SturdyRef ref = vat.ref();
            assertThat(client.await(client.connect(ref, Counter.class).increment(1))).isEqualTo(1L);
            assertThat(observe(client, ref, TurnMarks.in(marksFile))).isEmpty();
            vat.stop();
            vat.copyTo(tmp.resolve("backup"));

            vat.start();
            Counter counter = client.connect(ref, Counter.class);
            for (int i = 0; i < INCREMENTS; i++) {
                client.await(counter.increment(1));
            }
            assertThat(observe(client, ref, TurnMarks.in(marksFile))).as("a restart is not a restore").isEmpty();
            vat.stop();

            vat.restoreFrom(tmp.resolve("backup"));
            vat.start();
            assertThat(client.await(client.connect(ref, Counter.class).increment(0)))
                    .as("the increments are gone").isEqualTo(1L);
            Optional<String> behind = observe(client, ref, TurnMarks.in(marksFile));
            assertThat(behind).as("a client that remembered, across its own runs, notices").hasValueSatisfying(why ->
                    assertThat(why).startsWith("vat " + vat.vatId() + " has committed ")
                            .contains("turns, but this client saw")
                            .endsWith("it was restored from an older copy of its store, and turns it acknowledged are lost"));
            assertThat(observe(client, ref, TurnMarks.in(marksFile))).as("until it has come past what was seen").isPresent();
        }
    }

    private static Optional<String> observe(CapTpClient client, SturdyRef ref, TurnMarks marks) {
        return marks.observe(client.await(client.connect(Mailbox.of(ref), Mailbox.class).progress()));
    }
}
