package dev.erg.server.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.metrics.ServerMetrics;
import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.Tracer;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OtlpExportTest {

    /** Takes bids, paying for each from a purse. */
    public interface Auction {
        Promise<Long> bid(long amount);
    }

    /** Pays out, if it holds enough. */
    public interface Purse {
        Promise<Long> withdraw(long amount);
    }

    private static final HexFormat HEX = HexFormat.of();

    private static OtlpConfig config(OtlpCollector collector) {
        return new OtlpConfig(collector.endpoint(), "auction-house", Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMinutes(10), true);
    }

    @Test
    void eachTracedTurnArrivesAsASpanWithErgsIdsAndTheSendingTurnAsParent() throws Exception {
        List<TraceEvent> events = new CopyOnWriteArrayList<>();
        try (OtlpCollector collector = new OtlpCollector()) {
            try (OtlpExport export = OtlpExport.start(config(collector), new ServerMetrics())) {
                DeterministicScheduler scheduler = new DeterministicScheduler(7);
                Tracer tracer = Tracer.builder().seed(7).sink(event -> {
                    events.add(event);
                    export.spans().accept(event);
                }).build();
                try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
                    Purse purse = runtime.newVat("bank").export(amount -> {
                        throw new ProblemException("Insufficient", "wanted " + amount + ", holds 100");
                    }, Purse.class);
                    Auction auction = runtime.newVat("auction").export(purse::withdraw, Auction.class);
                    runtime.newVat("alice").run(() -> auction.bid(500));
                    scheduler.runUntilIdle();
                }
                export.flush();
            }

            Map<String, Span> spans = collector.spans().stream()
                    .collect(Collectors.toMap(s -> HEX.formatHex(s.getSpanId().toByteArray()), Function.identity()));
            List<TraceEvent> turns = events.stream().filter(e -> e.kind() == TraceEvent.Kind.BEGIN).toList();
            assertThat(turns).extracting(TraceEvent::label).contains("run", "Auction.bid", "Purse.withdraw");
            for (TraceEvent turn : turns) {
                Span span = spans.get(turn.context().spanId());
                assertThat(span).as("the span of %s", turn).isNotNull();
                assertThat(HEX.formatHex(span.getTraceId().toByteArray())).isEqualTo(turn.context().traceId());
                assertThat(span.getName()).isEqualTo(turn.label());
                assertThat(attribute(span.getAttributesList(), TurnSpans.VAT)).isEqualTo(turn.vat());
                assertThat(attribute(span.getAttributesList(), TurnSpans.LABEL)).isEqualTo(turn.label());
                long parent = events.stream()
                        .filter(e -> e.kind() == TraceEvent.Kind.SEND && e.span() == turn.span())
                        .mapToLong(TraceEvent::parent).findFirst().orElseThrow();
                assertThat(HEX.formatHex(span.getParentSpanId().toByteArray()))
                        .as("the parent of %s", turn.label())
                        .isEqualTo(parent == 0 ? "" : TraceContext.spanId(parent));
            }

            Span withdraw = spans.values().stream().filter(s -> s.getName().equals("Purse.withdraw")).findFirst().orElseThrow();
            Span bid = spans.values().stream().filter(s -> s.getName().equals("Auction.bid")).findFirst().orElseThrow();
            assertThat(withdraw.getParentSpanId()).isEqualTo(bid.getSpanId());
            assertThat(withdraw.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
            assertThat(withdraw.getStatus().getMessage()).isEqualTo("Insufficient: wanted 500, holds 100");
            assertThat(withdraw.getEventsList()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("break");
                assertThat(attribute(e.getAttributesList(), "erg.problem.kind")).isEqualTo("Insufficient");
            });
            assertThat(bid.getEventsList()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("send");
                assertThat(attribute(e.getAttributesList(), "erg.message")).isEqualTo(HEX.formatHex(withdraw.getSpanId().toByteArray()));
            });
            // The bid's answer followed the purse's and broke after the bid's turn was over.
            assertThat(spans.values()).anySatisfy(broken -> {
                assertThat(broken.getName()).isEqualTo("break");
                assertThat(broken.getParentSpanId()).isEqualTo(bid.getSpanId());
                assertThat(broken.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
                assertThat(attribute(broken.getAttributesList(), "erg.cause")).isEqualTo(HEX.formatHex(withdraw.getSpanId().toByteArray()));
            });
            assertThat(collector.traces.getFirst().getResourceSpans(0).getResource().getAttributesList())
                    .anySatisfy(kv -> {
                        assertThat(kv.getKey()).isEqualTo("service.name");
                        assertThat(kv.getValue().getStringValue()).isEqualTo("auction-house");
                    });
        }
    }

    @Test
    void theServersMetersArriveWithTheVatAsAnAttribute() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        try (OtlpCollector collector = new OtlpCollector()) {
            try (OtlpExport export = OtlpExport.start(config(collector), metrics);
                 VatRuntime runtime = VatRuntime.builder().threads(1).observer(metrics).build()) {
                Vat bank = runtime.newVat("bank");
                metrics.track(bank, "bank");
                metrics.trackSessions(() -> 0, runtime::vatCount);
                Purse purse = bank.export(amount -> {
                    throw new ProblemException("Insufficient", "wanted " + amount);
                }, Purse.class);
                for (int i = 0; i < 5; i++) {
                    Promise<Long> withdrawn = purse.withdraw(i);
                    assertThatThrownBy(() -> withdrawn.join(Duration.ofSeconds(5))).isInstanceOf(ProblemException.class);
                }
                export.flush();
            }

            Map<String, Metric> byName = collector.metrics().stream()
                    .collect(Collectors.toMap(Metric::getName, Function.identity(), (a, b) -> b));
            assertThat(byName).containsKeys("erg.vat.queue.depth", "erg.vat.messages", "erg.vat.turn.duration",
                    "erg.promises.broken", "erg.vats", "erg.sessions", "erg.otlp.spans.dropped");
            NumberDataPoint messages = byName.get("erg.vat.messages").getSum().getDataPointsList().stream()
                    .filter(p -> "bank".equals(attribute(p.getAttributesList(), "vat"))).findFirst().orElseThrow();
            assertThat(messages.getAsInt()).isEqualTo(5);
            assertThat(byName.get("erg.vat.turn.duration").getHistogram().getDataPointsList())
                    .anySatisfy(p -> {
                        assertThat(attribute(p.getAttributesList(), "vat")).isEqualTo("bank");
                        assertThat(p.getCount()).isGreaterThanOrEqualTo(5);
                    });
            assertThat(byName.get("erg.promises.broken").getSum().getDataPointsList())
                    .anySatisfy(p -> {
                        assertThat(attribute(p.getAttributesList(), "kind")).isEqualTo("Insufficient");
                        assertThat(p.getAsInt()).isGreaterThanOrEqualTo(5);
                    });
        }
    }

    static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
                .map(AnyValue::getStringValue).findFirst().orElse(null);
    }
}
