package dev.erg.server.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.trace.Tracer;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans of two nodes, each exporting its own, line up through the trace context on the wire. */
class OtlpAcrossNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** Pays out from a balance of 100. */
    public interface Purse {
        Promise<Long> withdraw(long amount);
    }

    private static OtlpConfig config(OtlpCollector collector, String service) {
        return new OtlpConfig(collector.endpoint(), service, Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMinutes(10), true);
    }

    private static Node node(VatRuntime runtime) throws Exception {
        return Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                PassableRegistry.builder().build());
    }

    @Test
    void aTurnStartedByAnotherNodesMessageHasTheSendingTurnAsParent() throws Exception {
        try (OtlpCollector collector = new OtlpCollector()) {
            try (OtlpExport aliceExport = OtlpExport.start(config(collector, "alice"), new ServerMetrics());
                 OtlpExport bankExport = OtlpExport.start(config(collector, "bank"), new ServerMetrics())) {
                try (VatRuntime aliceRuntime = VatRuntime.builder()
                        .tracer(Tracer.builder().sink(aliceExport.spans()).build()).build();
                     VatRuntime bankRuntime = VatRuntime.builder()
                             .tracer(Tracer.builder().sink(bankExport.spans()).build()).build();
                     Node bankNode = node(bankRuntime);
                     Node aliceNode = node(aliceRuntime)) {
                    bankNode.listen(new InetSocketAddress("127.0.0.1", 0));
                    Purse exported = bankRuntime.newVat("bank").export(amount -> Promise.of(100 - amount), Purse.class);
                    Purse purse = aliceNode.connect(bankNode.sturdyRef(exported, null), Purse.class).join(WAIT);

                    long left = aliceRuntime.newVat("alice").callPromise(() -> purse.withdraw(30)).join(WAIT);
                    assertThat(left).isEqualTo(70);
                }
                aliceExport.flush();
                bankExport.flush();
            }

            List<Span> spans = collector.spans();
            Span run = spans.stream().filter(s -> s.getName().equals("run")
                    && "alice".equals(OtlpExportTest.attribute(s.getAttributesList(), TurnSpans.VAT))).findFirst().orElseThrow();
            Span withdraw = spans.stream().filter(s -> s.getName().equals("Purse.withdraw")).findFirst().orElseThrow();
            assertThat(OtlpExportTest.attribute(withdraw.getAttributesList(), TurnSpans.VAT)).isEqualTo("bank");
            assertThat(withdraw.getTraceId()).isEqualTo(run.getTraceId());
            assertThat(withdraw.getParentSpanId()).as("the bank's turn is a child of alice's").isEqualTo(run.getSpanId());
            assertThat(run.getParentSpanId().isEmpty()).as("alice's turn is the root").isTrue();
        }
    }
}
