package dev.erg.server.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.PeerStatus;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Storage;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorTest {

    public interface Echo {
        Promise<String> echo(String text);
    }

    @TempDir
    Path tmp;

    @Test
    void aSnapshotShowsVatsSessionsAndTheStoreWhileAVatIsBusy() throws Exception {
        VatIdentity server = VatIdentity.generate(new SecureRandom());
        VatIdentity peer = VatIdentity.generate(new SecureRandom());
        ServerMetrics metrics = new ServerMetrics();
        try (VatRuntime runtime = VatRuntime.builder().threads(2).observer(metrics).build();
             DurableHost durables = DurableHost.open(Storage.sqlite(tmp.resolve("durable.db")), server.vatId(), 16)) {
            Vat echoes = runtime.newVat("echoes");
            metrics.track(echoes, "echoes");
            Echo echo = echoes.export(Promise::of, Echo.class);
            echo.echo("a").join(Duration.ofSeconds(5));
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            echoes.run(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Promise<String> behind = echo.echo("b");
            running.await();
            Inspector inspector = new Inspector(server.vatId().toString(), "127.0.0.1:7700",
                    List.of(new InspectedVat("echoes", "echo-maker", echoes)), metrics,
                    () -> List.of(new PeerStatus(peer.vatId(), 12, 10, 1, 2, 3, 4)), durables);

            // Taken while the vat is in a turn, which it neither waits for nor stops.
            Snapshot snapshot = inspector.snapshot();
            release.countDown();
            behind.join(Duration.ofSeconds(5));

            assertThat(Instant.parse(snapshot.takenAt())).isBeforeOrEqualTo(Instant.now());
            assertThat(snapshot.server().vatId()).isEqualTo(server.vatId().toString());
            assertThat(snapshot.server().address()).isEqualTo("127.0.0.1:7700");
            assertThat(snapshot.server().sessions()).isEqualTo(1);
            assertThat(snapshot.server().generation()).isEqualTo(1);
            assertThat(snapshot.vats()).singleElement().satisfies(vat -> {
                assertThat(vat.name()).isEqualTo("echoes");
                assertThat(vat.maker()).isEqualTo("echo-maker");
                assertThat(vat.queued()).as("the turn running and the message behind it").isEqualTo(2);
                assertThat(vat.messagesIn()).isEqualTo(2);
                assertThat(vat.turns()).isEqualTo(1);
                assertThat(vat.recentTurns()).singleElement().extracting(Snapshot.TurnView::number).isEqualTo(1L);
                assertThat(vat.turnDecades()).hasSize(7);
                assertThat(vat.turnDecades().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
            });
            assertThat(snapshot.peers()).containsExactly(
                    new Snapshot.PeerView(peer.vatId().toString(), 12, 10, 1, 2, 3, 4));
            assertThat(snapshot.outboxesRead()).isTrue();
            assertThat(snapshot.outboxes()).isEmpty();
            assertThat(snapshot.alarms()).isEmpty();
            assertThat(snapshot.store().state()).isEqualTo("up");
            assertThat(snapshot.store().outages()).isZero();
        }
    }
}
