package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.services.Counter;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a vat's {@link Mailbox#progress()} guarantees its clients: every turn it acknowledged is
 * counted, the count never goes back while the store is not restored, and each start is told
 * apart by a higher generation and a new incarnation.
 */
class MailboxProgressTest {

    private static final int INCREMENTS = 5;

    @TempDir
    Path tmp;

    @Test
    void progressCountsEveryAcknowledgedTurnAndNeverGoesBackAcrossARestart() throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        Mailbox.PASSABLES.forEach(registry::add);
        try (Peer vat = Peer.init(tmp.resolve("vat"), "counter");
             CapTpClient client = CapTpClient.start(registry.build(), Duration.ofSeconds(10))) {
            vat.start();
            SturdyRef ref = vat.ref();
            Progress first = progress(client, ref);
            assertThat(first.vat()).isEqualTo(vat.vatId());
            assertThat(first.incarnation()).matches("[0-9a-f]{32}");

            Counter counter = client.connect(ref, Counter.class);
            for (int i = 0; i < INCREMENTS; i++) {
                client.await(counter.increment(1));
            }
            Progress acknowledged = progress(client, ref);
            assertThat(acknowledged.turns()).as("each increment answered is a turn committed")
                    .isGreaterThanOrEqualTo(first.turns() + INCREMENTS);
            assertThat(acknowledged.generation()).isEqualTo(first.generation());
            assertThat(acknowledged.incarnation()).isEqualTo(first.incarnation());

            vat.stop();
            vat.start();
            Progress restarted = progress(client, ref);
            assertThat(restarted.turns()).as("a restart keeps every committed turn").isGreaterThanOrEqualTo(acknowledged.turns());
            assertThat(restarted.generation()).isGreaterThan(acknowledged.generation());
            assertThat(restarted.incarnation()).matches("[0-9a-f]{32}").isNotEqualTo(acknowledged.incarnation());
        }
    }

    private static Progress progress(CapTpClient client, SturdyRef ref) {
        return client.await(client.connect(Mailbox.of(ref), Mailbox.class).progress());
    }
}
