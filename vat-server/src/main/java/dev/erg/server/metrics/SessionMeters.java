package dev.erg.server.metrics;

import dev.erg.crypto.VatId;
import dev.erg.net.PeerStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Meters per live CapTP session, labelled {@code peer} (the peer's vat id): messages in and
 * out, and the sizes of its four tables. Sessions come and go, so the meters are brought up to
 * date with the node's sessions before each scrape ({@link #sync}): a new peer's are
 * registered, a gone peer's removed. Only the scraping thread calls it.
 */
final class SessionMeters {

    private final MeterRegistry registry;
    private final Map<VatId, Peer> peers = new HashMap<>();

    SessionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Makes the meters those of {@code live}, the sessions as they stand now. */
    synchronized void sync(List<PeerStatus> live) {
        Map<VatId, PeerStatus> now = new HashMap<>();
        live.forEach(status -> now.put(status.peer(), status));
        peers.entrySet().removeIf(entry -> {
            if (now.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().meters().forEach(registry::remove);
            return true;
        });
        now.forEach((peer, status) -> peers.computeIfAbsent(peer, this::register).latest().set(status));
    }

    private Peer register(VatId peer) {
        AtomicReference<PeerStatus> latest = new AtomicReference<>();
        String tag = peer.toString();
        List<Meter> meters = List.of(
                FunctionCounter.builder("erg.session.messages.received", latest, counted(PeerStatus::messagesReceived))
                        .description("messages the peer has sent in the session").tag("peer", tag).register(registry),
                FunctionCounter.builder("erg.session.messages.sent", latest, counted(PeerStatus::messagesSent))
                        .description("messages sent to the peer in the session").tag("peer", tag).register(registry),
                table(latest, tag, "exports", PeerStatus::exports),
                table(latest, tag, "imports", PeerStatus::imports),
                table(latest, tag, "questions", PeerStatus::questions),
                table(latest, tag, "answers", PeerStatus::answers));
        return new Peer(latest, meters);
    }

    private Meter table(AtomicReference<PeerStatus> latest, String peer, String table, ToDoubleFunction<PeerStatus> size) {
        return Gauge.builder("erg.session.table.entries", latest, counted(size))
                .description("entries in a table of the session: exports, imports, questions or answers")
                .tag("peer", peer).tag("table", table).strongReference(true).register(registry);
    }

    private static ToDoubleFunction<AtomicReference<PeerStatus>> counted(ToDoubleFunction<PeerStatus> field) {
        return latest -> {
            PeerStatus status = latest.get();
            return status == null ? 0 : field.applyAsDouble(status);
        };
    }

    private record Peer(AtomicReference<PeerStatus> latest, List<Meter> meters) {
    }
}
