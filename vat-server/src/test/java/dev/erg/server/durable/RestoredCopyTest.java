package dev.erg.server.durable;

import static dev.erg.server.durable.CourierAndSink.LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.Courier;
import dev.erg.server.Sink;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vat restored from an old copy of its data directory has forgotten letters it consumed or
 * receipts it stored. Its peer notices from the stream's numbers: the receiver refuses, the
 * sender's outbox stops, both raise alarms, and no letter is consumed twice or dropped.
 */
class RestoredCopyTest {

    @TempDir
    Path tmp;

    private CourierAndSink vats;
    private Peer a;
    private Peer b;

    @BeforeEach
    void start() throws Exception {
        vats = CourierAndSink.started(tmp);
        a = vats.a;
        b = vats.b;
    }

    @AfterEach
    void stop() {
        vats.close();
    }

    @Test
    void aReceiverRestoredFromAnOldCopyRefusesTheLettersAndTheSenderStops() throws Exception {
        vats.send(5);
        vats.awaitDelivered(5);
        b.stop();
        Path old = tmp.resolve("b-old");
        b.copyTo(old);
        b.start();
        vats.send(5);
        vats.awaitDelivered(10);
        b.stop();
        b.restoreFrom(old);
        b.start();
        assertThat(vats.sinkReport()).isEqualTo(new Sink.Report(5, 5, 0));

        vats.send(3);
        OutboxStatus stopped = Poll.until(() -> a.outboxes().getFirst(), s -> !s.stopped().isEmpty(), LIMIT);
        assertThat(stopped.waiting()).as("the letters refused are kept").isEqualTo(3);
        assertThat(stopped.stopped()).startsWith("vat " + b.vatId() + " refused letters: ")
                .contains("holds receipts up to letter 10 but this vat remembers consuming only 5")
                .endsWith("this vat was restored from an older copy of its store");
        assertThat(a.alarms()).singleElement().asString()
                .endsWith("outbox to vat " + b.vatId() + " is stopped: " + stopped.stopped());
        assertThat(b.alarms()).isNotEmpty().allSatisfy(alarm -> assertThat(alarm)
                .contains(" from vat " + a.vatId() + " refused: ")
                .endsWith("this vat was restored from an older copy of its store"));
        assertThat(vats.sinkReport()).as("the restored sink consumed nothing").isEqualTo(new Sink.Report(5, 5, 0));
        assertThat(vats.courierReport()).isEqualTo(new Courier.Report(13, 10, 0, ""));

        a.stop();
        a.start();
        assertThat(a.outboxes()).as("the stop is stored, and a stopped outbox does not connect")
                .containsExactly(new OutboxStatus(b.vatId(), 3, false, stopped.stopped()));
        assertThat(a.alarms()).singleElement().asString()
                .endsWith("outbox to vat " + b.vatId() + " is stopped: " + stopped.stopped());
        assertThat(vats.sinkReport()).isEqualTo(new Sink.Report(5, 5, 0));

        assertThatThrownBy(() -> a.server().durables().resumeOutbox(a.vatId()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no outbox to vat " + a.vatId());
        assertThat(a.server().durables().resumeOutbox(b.vatId())).as("the operator resumes: the waiting letters move")
                .isEqualTo(3);
        Poll.until(() -> a.outboxes().getFirst(), s -> s.waiting() == 0 && s.available(), LIMIT);
        assertThat(vats.sinkReport()).as("the 3 letters, consumed once on the new stream, after the 5 the copy kept")
                .isEqualTo(new Sink.Report(8, 13, 1));
        assertThatThrownBy(() -> a.server().durables().resumeOutbox(b.vatId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not stopped");
    }

    @Test
    void aSenderRestoredFromAnOldCopyIsRefusedAndItsOutboxStops() throws Exception {
        vats.send(5);
        vats.awaitDelivered(5);
        a.stop();
        Path old = tmp.resolve("a-old");
        a.copyTo(old);
        a.start();
        vats.send(5);
        vats.awaitDelivered(10);
        // A letter sent after those receipts were stored tells the receiver so.
        vats.send(1);
        vats.awaitDelivered(11);
        a.stop();
        a.restoreFrom(old);
        a.start();
        assertThat(vats.courierReport()).isEqualTo(new Courier.Report(5, 5, 0, ""));

        vats.send(3);
        OutboxStatus stopped = Poll.until(() -> a.outboxes().getFirst(), s -> !s.stopped().isEmpty(), LIMIT);
        assertThat(stopped.waiting()).as("the letters refused are kept").isEqualTo(3);
        // The copy starts under the generation of the start after it, with another incarnation.
        assertThat(stopped.stopped()).startsWith("vat " + b.vatId() + " refused letters: two starts of vat " + a.vatId()
                + " both write as generation 2 (incarnations ").endsWith("): the sender was restored from an older copy of its store");
        assertThat(a.alarms()).singleElement().asString()
                .endsWith("outbox to vat " + b.vatId() + " is stopped: " + stopped.stopped());
        assertThat(b.alarms()).singleElement().asString()
                .contains("letter 6 of stream ", " from vat " + a.vatId() + " refused: two starts of vat " + a.vatId())
                .endsWith("the sender was restored from an older copy of its store");
        assertThat(vats.sinkReport()).as("the sink consumed the letters numbered 6 to 8 once, before the restore")
                .isEqualTo(new Sink.Report(11, 11, 0));
        assertThat(vats.courierReport()).isEqualTo(new Courier.Report(8, 5, 0, ""));
    }
}
