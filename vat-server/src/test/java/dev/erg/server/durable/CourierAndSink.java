package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.Courier;
import dev.erg.server.Sink;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Two vat-servers for tests of durable sends: {@link #a} hosts a {@link Courier}, {@link #b}
 * a {@link Sink}, and a client calls them. Each call connects afresh, so that it works
 * across restarts; the servers must be running.
 */
final class CourierAndSink implements AutoCloseable {

    /** How long a test waits for letters to arrive. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    final Peer a;
    final Peer b;
    private final CapTpClient client;

    private CourierAndSink(Peer a, Peer b, CapTpClient client) {
        this.a = a;
        this.b = b;
        this.client = client;
    }

    /** Makes both data directories under {@code dir}, and starts neither server. */
    static CourierAndSink init(Path dir) throws IOException, SetupException {
        return init(dir, "");
    }

    /** As {@link #init(Path)}, with the durable stores {@code storage} configures (empty: SQLite in each directory). */
    static CourierAndSink init(Path dir, String storage) throws IOException, SetupException {
        Peer a = Peer.init(dir.resolve("a"), "courier", storage);
        Peer b = Peer.init(dir.resolve("b"), "sink", storage);
        try {
            return new CourierAndSink(a, b, CapTpClient.start(PassableRegistry.builder().add(Sink.Report.class)
                    .add(Courier.Report.class).build(), Duration.ofSeconds(15)));
        } catch (SSLException e) {
            throw new IOException(e);
        }
    }

    /** Makes both data directories under {@code dir}, starts B then A, and aims A's courier at B's sink. */
    static CourierAndSink started(Path dir) throws IOException, SetupException {
        return started(dir, "");
    }

    /** As {@link #started(Path)}, with the durable stores {@code storage} configures. */
    static CourierAndSink started(Path dir, String storage) throws IOException, SetupException {
        CourierAndSink vats = init(dir, storage);
        vats.b.start();
        vats.a.start();
        vats.aim();
        return vats;
    }

    /** Points the courier at the sink. */
    void aim() {
        client.await(courier().aim(b.ref().toString()));
    }

    /** Has the courier send {@code count} letters; answers how many it has sent in all. */
    long send(long count) {
        return client.await(courier().send(count));
    }

    Sink.Report sinkReport() {
        return client.await(client.connect(b.ref(), Sink.class).report());
    }

    Courier.Report courierReport() {
        return client.await(courier().report());
    }

    private Courier courier() {
        return client.connect(a.ref(), Courier.class);
    }

    /**
     * Waits until the sink has counted {@code total} letters, the courier has their answers and
     * the outbox their receipts, and asserts that each came once, in order.
     */
    void awaitDelivered(long total) throws InterruptedException {
        assertThat(Poll.until(this::sinkReport, r -> r.count() >= total, LIMIT))
                .isEqualTo(new Sink.Report(total, total, 0));
        assertThat(Poll.until(this::courierReport, r -> r.answered() >= total, LIMIT))
                .isEqualTo(new Courier.Report(total, total, 0, ""));
        assertThat(Poll.until(a::outboxes, o -> o.getFirst().waiting() == 0, LIMIT))
                .as("every receipt is stored").extracting(OutboxStatus::waiting).containsExactly(0);
    }

    @Override
    public void close() {
        a.close();
        b.close();
        client.close();
    }
}
