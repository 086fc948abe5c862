package dev.erg.server.inspect;

import dev.erg.net.PeerStatus;
import dev.erg.net.link.Link;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.OutboxStatus;
import dev.erg.server.durable.StoreStatus;
import dev.erg.server.metrics.RecentTurn;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.vat.JoinTimeoutException;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.spi.BrokenPromises;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes {@link Snapshot}s of a running server without stopping its vats: the counters and
 * tables are read where they stand (a session's table sizes under the session's lock, for an
 * instant), and only the outboxes are asked of the outbox's vat, which answers between two
 * of its turns; if it does not within {@link #OUTBOX_WAIT}, the snapshot says so and shows
 * none. Thread-safe: snapshots may be taken from any thread but a vat's.
 */
public final class Inspector {

    /** The longest a snapshot waits for the outbox's vat. */
    public static final Duration OUTBOX_WAIT = Duration.ofSeconds(2);

    private final String vatId;
    private final String address;
    private final List<InspectedVat> vats;
    private final ServerMetrics metrics;
    private final Supplier<List<PeerStatus>> peers;
    private final DurableHost durables;
    private final long startedNanos = System.nanoTime();

    /**
     * An inspector of the server of vat {@code vatId}, listening at {@code address}
     * (host:port), hosting {@code vats}, whose turns {@code metrics} observes, with the
     * sessions {@code peers} answers and the durable objects of {@code durables}.
     */
    public Inspector(String vatId, String address, List<InspectedVat> vats, ServerMetrics metrics,
                     Supplier<List<PeerStatus>> peers, DurableHost durables) {
        this.vatId = vatId;
        this.address = address;
        this.vats = List.copyOf(vats);
        this.metrics = metrics;
        this.peers = peers;
        this.durables = durables;
    }

    /** The server as it stands now. */
    public Snapshot snapshot() {
        Optional<List<OutboxStatus>> outboxes = outboxes();
        List<Snapshot.PeerView> sessions = peers.get().stream()
                .map(p -> new Snapshot.PeerView(p.peer().toString(), p.messagesReceived(), p.messagesSent(),
                        p.exports(), p.imports(), p.questions(), p.answers()))
                .sorted((a, b) -> a.vatId().compareTo(b.vatId()))
                .toList();
        StoreStatus store = durables.store();
        return new Snapshot(Instant.now().toString(),
                new Snapshot.ServerView(vatId, address,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos), sessions.size(),
                        Link.messagesSent(), durables.generation(), durables.turns()),
                vats.stream().map(this::vat).toList(),
                sessions,
                outboxes.orElse(List.of()).stream()
                        .map(o -> new Snapshot.OutboxView(o.vat(), o.waiting(), o.available(), o.stopped()))
                        .toList(),
                outboxes.isPresent(),
                durables.alarms(),
                new Snapshot.StoreView(store.state().name().toLowerCase(Locale.ROOT), store.since().toString(),
                        store.cause(), store.outages()),
                BrokenPromises.counts());
    }

    private Snapshot.VatView vat(InspectedVat v) {
        List<Snapshot.TurnView> recent = metrics.recentTurns(v.vat()).stream()
                .map(Inspector::turn)
                .toList();
        return new Snapshot.VatView(v.name(), v.maker(), metrics.queueDepth(v.vat()), metrics.turns(v.vat()),
                metrics.messages(v.vat()), metrics.turnDecades(v.vat()), recent);
    }

    private static Snapshot.TurnView turn(RecentTurn t) {
        return new Snapshot.TurnView(t.number(), t.agoMillis(), t.micros());
    }

    private Optional<List<OutboxStatus>> outboxes() {
        Promise<List<OutboxStatus>> asked = durables.outboxes();
        try {
            return Optional.of(asked.join(OUTBOX_WAIT));
        } catch (ProblemException | JoinTimeoutException | IllegalStateException e) {
            // Late, or the outbox's vat is stopping: the snapshot says the outboxes were not read.
            return Optional.empty();
        }
    }
}
