package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.Gatherer;
import dev.erg.server.Streamer;
import dev.erg.server.client.CapTpClient;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A durable stream between two objects of one vat-server, whose letters go to its own
 * mailbox, and between objects of two servers: the same stories end the same way.
 */
class DurableStreamPlacementTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final List<Peer> peers = new ArrayList<>();
    private CapTpClient client;
    private Streamer streamer;
    private Gatherer gatherer;

    @BeforeEach
    void client() throws Exception {
        client = CapTpClient.start(PassableRegistry.builder().add(Streamer.Report.class).add(Gatherer.Report.class)
                .build(), Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        client.close();
        peers.forEach(Peer::close);
    }

    private void place(boolean together) throws Exception {
        Peer writer;
        Peer reader;
        if (together) {
            writer = Peer.hosting(tmp.resolve("one"), "streamer", "gatherer");
            reader = writer;
        } else {
            writer = Peer.init(tmp.resolve("a"), "streamer");
            reader = Peer.init(tmp.resolve("b"), "gatherer");
            peers.add(reader);
            reader.start();
        }
        peers.add(writer);
        writer.start();
        streamer = client.connect(writer.ref("streamer"), Streamer.class);
        gatherer = client.connect(reader.ref("gatherer"), Gatherer.class);
        client.await(streamer.open(reader.ref("gatherer").toString(), "orders", 16));
    }

    private Streamer.Report ended() throws InterruptedException {
        Streamer.Report report = Poll.until(() -> client.await(streamer.report()), Streamer.Report::ended, LIMIT);
        // How often the window filled and emptied depends on timing, not on placement.
        return new Streamer.Report(report.wanted(), report.written(), report.consumed(), 0, 0, true, report.problem());
    }

    @ParameterizedTest(name = "on one server: {0}")
    @ValueSource(booleans = {true, false})
    void aClosedStreamDeliversEveryEntryOnceInOrder(boolean together) throws Exception {
        place(together);
        client.await(streamer.write(300));
        client.await(streamer.closeWhenWritten("done"));

        assertThat(ended()).isEqualTo(new Streamer.Report(300, 300, 300, 0, 0, true, ""));
        assertThat(client.await(gatherer.report())).isEqualTo(new Gatherer.Report(1, "orders", 300, 300, 0, "closed 300 done"));
    }

    @ParameterizedTest(name = "on one server: {0}")
    @ValueSource(booleans = {true, false})
    void aRefusedEntryBreaksTheStreamThere(boolean together) throws Exception {
        place(together);
        client.await(gatherer.refuseItem(40));
        client.await(streamer.write(100));

        Streamer.Report broken = ended();
        assertThat(broken.consumed()).isEqualTo(39);
        assertThat(broken.problem()).isEqualTo("Declined: item 40 is not wanted");
        assertThat(Poll.until(() -> client.await(gatherer.report()), r -> r.entries() >= 39, LIMIT))
                .isEqualTo(new Gatherer.Report(1, "orders", 39, 39, 0, ""));
    }
}
