package dev.erg.server.otel;

import dev.erg.net.PeerStatus;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.server.metrics.TurnTimer;
import dev.erg.server.metrics.VatCounts;
import dev.erg.vat.spi.BrokenPromises;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The server's meters as OpenTelemetry instruments, read from the same sources as the
 * Prometheus endpoint and named as its meters are, with dots: per vat (attribute {@code vat})
 * {@code erg.vat.queue.depth}, {@code erg.vat.messages} and the histogram
 * {@code erg.vat.turn.duration} in seconds; per session (attribute {@code peer})
 * {@code erg.session.messages.received}, {@code erg.session.messages.sent} and
 * {@code erg.session.table.entries} (also {@code table}); {@code erg.promises.broken} by
 * {@code kind}; {@code erg.sessions}, {@code erg.vats} and {@code erg.otlp.spans.dropped}.
 *
 * <p>Everything but the turn times is observed when the SDK collects, once per export; the
 * turn times are recorded as the turns end, since a histogram cannot be observed.
 */
final class OtelMeters implements TurnTimer {

    static final AttributeKey<String> VAT = AttributeKey.stringKey("vat");
    static final AttributeKey<String> PEER = AttributeKey.stringKey("peer");
    static final AttributeKey<String> TABLE = AttributeKey.stringKey("table");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
    /** The turn-time buckets, in seconds: the decades from 10 µs to 10 s, as the inspector counts them. */
    private static final List<Double> DECADES = List.of(1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0);

    private final DoubleHistogram turns;
    private final Map<String, Attributes> vats = new ConcurrentHashMap<>();

    private OtelMeters(DoubleHistogram turns) {
        this.turns = turns;
    }

    /** Registers the instruments on {@code meter}, reading {@code metrics} and {@code droppedSpans}, and times its turns. */
    static OtelMeters register(Meter meter, ServerMetrics metrics, LongSupplier droppedSpans) {
        OtelMeters meters = new OtelMeters(meter.histogramBuilder("erg.vat.turn.duration")
                .setDescription("how long the vat's turns take").setUnit("s")
                .setExplicitBucketBoundariesAdvice(DECADES).build());
        ObservableLongMeasurement depth = meter.gaugeBuilder("erg.vat.queue.depth").ofLongs()
                .setDescription("turns queued for the vat and not yet finished").buildObserver();
        ObservableLongMeasurement messages = meter.counterBuilder("erg.vat.messages")
                .setDescription("eventual sends delivered to the vat").buildObserver();
        meter.batchCallback(() -> {
            for (VatCounts vat : metrics.vatCounts()) {
                Attributes attributes = meters.attributes(vat.vat());
                depth.record(vat.queueDepth(), attributes);
                messages.record(vat.messages(), attributes);
            }
        }, depth, messages);

        ObservableLongMeasurement received = meter.counterBuilder("erg.session.messages.received")
                .setDescription("messages the peer has sent in the session").buildObserver();
        ObservableLongMeasurement sent = meter.counterBuilder("erg.session.messages.sent")
                .setDescription("messages sent to the peer in the session").buildObserver();
        ObservableLongMeasurement tables = meter.gaugeBuilder("erg.session.table.entries").ofLongs()
                .setDescription("entries in a table of the session: exports, imports, questions or answers").buildObserver();
        meter.batchCallback(() -> {
            for (PeerStatus peer : metrics.peers()) {
                String id = peer.peer().toString();
                Attributes attributes = Attributes.of(PEER, id);
                received.record(peer.messagesReceived(), attributes);
                sent.record(peer.messagesSent(), attributes);
                tables.record(peer.exports(), Attributes.of(PEER, id, TABLE, "exports"));
                tables.record(peer.imports(), Attributes.of(PEER, id, TABLE, "imports"));
                tables.record(peer.questions(), Attributes.of(PEER, id, TABLE, "questions"));
                tables.record(peer.answers(), Attributes.of(PEER, id, TABLE, "answers"));
            }
        }, received, sent, tables);

        meter.counterBuilder("erg.promises.broken")
                .setDescription("promises broken in this JVM, by the kind of their problem")
                .buildWithCallback(m -> BrokenPromises.counts()
                        .forEach((kind, n) -> m.record(n, Attributes.of(KIND, kind))));
        meter.gaugeBuilder("erg.sessions").ofLongs().setDescription("live CapTP sessions")
                .buildWithCallback(m -> m.record(metrics.sessions()));
        meter.gaugeBuilder("erg.vats").ofLongs().setDescription("vats alive")
                .buildWithCallback(m -> m.record(metrics.vatCount()));
        meter.counterBuilder("erg.otlp.spans.dropped")
                .setDescription("spans the OTLP export dropped: its queue was full or the collector did not take them")
                .buildWithCallback(m -> m.record(droppedSpans.getAsLong()));
        metrics.timeTurns(meters);
        return meters;
    }

    @Override
    public void ran(String vat, long nanos) {
        turns.record(nanos / 1e9, attributes(vat));
    }

    private Attributes attributes(String vat) {
        return vats.computeIfAbsent(vat, v -> Attributes.of(VAT, v));
    }
}
