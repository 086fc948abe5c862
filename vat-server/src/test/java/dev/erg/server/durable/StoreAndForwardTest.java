package dev.erg.server.durable;

import static dev.erg.server.durable.CourierAndSink.LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.Courier;
import dev.erg.server.Sink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Letters sent through sturdy refs while their receiver is down wait in the sender's outbox,
 * survive restarts of either side, and are delivered once each, in order, when the receiver
 * is back; their answers come back to the sender.
 */
class StoreAndForwardTest {

    private static final int BATCHES = 6;

    @TempDir
    Path tmp;

    private CourierAndSink vats;
    private Peer a;
    private Peer b;

    /** Letters the courier is asked to send at once, {@value #BATCHES} times in each test. */
    int perBatch() {
        return 500;
    }

    /** The storage lines of both servers' configuration; empty: SQLite in each data directory. */
    String storage() {
        return "";
    }

    @BeforeEach
    void start() throws Exception {
        vats = CourierAndSink.started(tmp, storage());
        a = vats.a;
        b = vats.b;
    }

    @AfterEach
    void stop() {
        vats.close();
    }

    @Test
    void thousandsOfLettersWaitForAStoppedReceiverThroughASenderRestartAndArriveOnceInOrder() throws Exception {
        vats.send(10);
        vats.awaitDelivered(10);

        b.stop();
        for (int i = 0; i < BATCHES; i++) {
            vats.send(perBatch());
        }
        int waiting = BATCHES * perBatch();
        long total = 10 + waiting;
        OutboxStatus held = new OutboxStatus(b.vatId(), waiting, false, "");
        assertThat(Poll.until(a::outboxes, List.of(held)::equals, LIMIT)).containsExactly(held);

        a.stop();
        a.start();
        assertThat(a.outboxes()).as("the letters are read back from the store").containsExactly(held);
        assertThat(vats.courierReport()).isEqualTo(new Courier.Report(total, 10, 0, ""));

        b.start();
        vats.awaitDelivered(total);
        assertThat(a.outboxes()).as("the outbox's watch was told that the receiver is available")
                .containsExactly(new OutboxStatus(b.vatId(), 0, true, ""));
        assertThat(a.alarms()).isEmpty();
        assertThat(b.alarms()).isEmpty();
    }

    /** Restarts while letters are in flight: receipts lost with a session are asked for again, and given again. */
    @Test
    void lettersWaitingForAReceiverThatMovedFollowItsNewSturdyRef() throws Exception {
        vats.send(10);
        vats.awaitDelivered(10);
        b.stop();
        b.move("sink");
        b.start();
        vats.send(5);
        // The status may still show the receiver's last session while the five letters queue.
        OutboxStatus stranded = Poll.until(() -> a.outboxes().getFirst(), s -> s.waiting() == 5 && !s.available(), LIMIT);
        assertThat(stranded.waiting()).isEqualTo(5);
        assertThat(stranded.available()).as("the old address answers no more").isFalse();
        vats.aim();
        vats.send(1);
        vats.awaitDelivered(16);
        assertThat(vats.sinkReport()).isEqualTo(new Sink.Report(16, 16, 0));
        assertThat(a.alarms()).isEmpty();
    }

    @Test
    void restartsDuringDeliveryNeitherLoseNorRepeatALetter() throws Exception {
        long total = BATCHES * perBatch();
        for (int i = 0; i < BATCHES; i++) {
            vats.send(perBatch());
        }
        Poll.until(vats::sinkReport, r -> r.count() >= total / 4, LIMIT);
        a.stop();
        a.start();
        Poll.until(vats::sinkReport, r -> r.count() >= total / 2, LIMIT);
        b.stop();
        b.start();
        Poll.until(vats::sinkReport, r -> r.count() >= 3 * total / 4, LIMIT);
        a.stop();
        b.stop();
        b.start();
        a.start();
        vats.awaitDelivered(total);
        assertThat(a.alarms()).isEmpty();
        assertThat(b.alarms()).isEmpty();
    }
}
