package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.Gatherer;
import dev.erg.server.Streamer;
import dev.erg.server.client.CapTpClient;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable streams between two vat-servers: a {@link Streamer} on A writes entries to a
 * {@link Gatherer} on B, and each entry is consumed once, in order, whichever side restarts;
 * the window holds the writer back while B is down.
 */
class DurableStreamTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private Peer a;
    private Peer b;
    private CapTpClient client;

    @BeforeEach
    void start() throws Exception {
        a = Peer.init(tmp.resolve("a"), "streamer");
        b = Peer.init(tmp.resolve("b"), "gatherer");
        b.start();
        a.start();
        client = CapTpClient.start(PassableRegistry.builder().add(Streamer.Report.class).add(Gatherer.Report.class)
                .build(), Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        client.close();
        a.close();
        b.close();
    }

    private Streamer streamer() {
        return client.connect(a.ref(), Streamer.class);
    }

    private Gatherer gatherer() {
        return client.connect(b.ref(), Gatherer.class);
    }

    private Streamer.Report streamerReport() {
        return client.await(streamer().report());
    }

    private Gatherer.Report gathererReport() {
        return client.await(gatherer().report());
    }

    @Test
    void entriesArriveOnceAndInOrderThroughRestartsOfBothSidesWhileTheWindowHoldsTheWriterBack() throws Exception {
        client.await(streamer().open(b.ref().toString(), "orders", 16));
        client.await(streamer().write(100));
        assertThat(Poll.until(this::gathererReport, r -> r.entries() >= 100, LIMIT))
                .isEqualTo(new Gatherer.Report(1, "orders", 100, 100, 0, ""));
        // Every receipt back first, so that the window is whole when B stops.
        assertThat(Poll.until(this::streamerReport, r -> r.consumed() == 100, LIMIT).consumed()).isEqualTo(100);

        b.stop();
        assertThat(client.await(streamer().write(500))).as("the window's 16 entries, no more").isEqualTo(116);
        assertThat(Poll.until(a::outboxes, o -> o.getFirst().waiting() == 16, LIMIT))
                .as("the outbox holds one window of entries").extracting(OutboxStatus::waiting).containsExactly(16);
        a.stop();
        a.start();
        Streamer.Report held = streamerReport();
        assertThat(held.written()).as("written entries are stored").isEqualTo(116);
        assertThat(held.fullWindows()).isPositive();
        assertThat(held.ended()).isFalse();

        b.start();
        client.await(streamer().closeWhenWritten("end of day"));
        assertThat(Poll.until(this::gathererReport, r -> !r.end().isEmpty(), LIMIT))
                .isEqualTo(new Gatherer.Report(1, "orders", 600, 600, 0, "closed 600 end of day"));
        Streamer.Report done = Poll.until(this::streamerReport, Streamer.Report::ended, LIMIT);
        assertThat(done).isEqualTo(new Streamer.Report(600, 600, 600, done.fullWindows(), done.rooms(), true, ""));
        assertThat(done.rooms()).as("room came again after each full window").isPositive();
        assertThat(Poll.until(a::outboxes, o -> o.getFirst().waiting() == 0, LIMIT))
                .extracting(OutboxStatus::waiting).containsExactly(0);
        assertThat(a.alarms()).isEmpty();
        assertThat(b.alarms()).isEmpty();
    }

    @Test
    void anEntryTheReceiverRefusesBreaksTheStreamThereAndTheWriterHearsWhy() throws Exception {
        client.await(gatherer().refuseItem(5));
        client.await(streamer().open(b.ref().toString(), "orders", 8));
        client.await(streamer().write(20));

        Streamer.Report broken = Poll.until(this::streamerReport, Streamer.Report::ended, LIMIT);
        assertThat(broken.consumed()).isEqualTo(4);
        assertThat(broken.problem()).isEqualTo("Declined: item 5 is not wanted");
        assertThat(broken.written()).as("no entry is written after the break").isLessThanOrEqualTo(4 + 8);
        assertThat(Poll.until(a::outboxes, o -> o.getFirst().waiting() == 0, LIMIT))
                .as("the entries in flight were answered").extracting(OutboxStatus::waiting).containsExactly(0);
        assertThat(gathererReport()).as("the entries after the refused one are refused too")
                .isEqualTo(new Gatherer.Report(1, "orders", 4, 4, 0, ""));
    }

    @Test
    void aStreamToAnObjectThatReceivesNoStreamsBreaksAtOnce() throws Exception {
        client.await(streamer().open(a.ref().toString(), "to myself", 8));
        client.await(streamer().write(3));

        Streamer.Report broken = Poll.until(this::streamerReport, Streamer.Report::ended, LIMIT);
        // The break may come back before the writes are asked for, and the streamer writes no more after it.
        assertThat(broken.written()).isIn(0L, 3L);
        assertThat(broken).isEqualTo(new Streamer.Report(3, broken.written(), 0, 0, 0, true,
                "NotCallable: kind streamer does not receive streams"));
        assertThat(List.of(a.alarms(), b.alarms())).containsOnly(List.of());
    }
}
