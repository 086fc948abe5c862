package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.VatIdentity;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.otel.OtlpCollector;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.services.Greeter;
import dev.erg.server.services.GreeterMaker;
import dev.erg.server.store.DataDir;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceFile;
import dev.erg.wire.PassableRegistry;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpServerTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new CounterMaker(), new GreeterMaker()));
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path tmp;

    private final VatIdentity clientIdentity = VatIdentity.generate(new SecureRandom());
    private CapTpClient client;
    private OtlpCollector collector;

    @BeforeEach
    void start() throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        AdminProtocol.PASSABLES.forEach(registry::add);
        client = CapTpClient.start(clientIdentity, registry.build(), Duration.ofSeconds(15));
        collector = new OtlpCollector();
    }

    @AfterEach
    void stop() {
        client.close();
        collector.close();
    }

    private DataDir dataDir() throws Exception {
        return DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.hello = greeter\n", null);
    }

    private Map<String, String> environment(String... more) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint().toString(), "OTEL_SERVICE_NAME", "house",
                "OTEL_BSP_SCHEDULE_DELAY", "20", "OTEL_METRIC_EXPORT_INTERVAL", "50"));
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aServerExportsTheTurnsItTracesWithTheIdsOfItsTraceFile() throws Exception {
        Path file = tmp.resolve("house.trace");
        try (VatServer server = VatServer.start(dataDir(), null, MAKERS, environment("ERG_TRACE_FILE", file.toString()))) {
            Greeter greeter = client.connect(server.services().getFirst().sturdyRef(), Greeter.class);
            assertThat(client.await(greeter.greet("Ada"))).isEqualTo("Hello, Ada!");
        }

        TraceEvent greet = TraceFile.read(file).stream()
                .filter(e -> e.kind() == TraceEvent.Kind.BEGIN && e.label().equals("Greeter.greet")).findFirst().orElseThrow();
        Span span = collector.spans().stream()
                .filter(s -> HEX.formatHex(s.getSpanId().toByteArray()).equals(greet.context().spanId()))
                .findFirst().orElseThrow();
        assertThat(HEX.formatHex(span.getTraceId().toByteArray())).isEqualTo(greet.context().traceId());
        assertThat(span.getName()).isEqualTo("Greeter.greet");
        assertThat(span.getParentSpanId().isEmpty()).as("a message from a client without a context is a root").isTrue();
        assertThat(string(span.getAttributesList(), "erg.vat")).isEqualTo("hello");
    }

    @Test
    void withoutATraceFileTheServerStillTracesAndExportsItsMetersPerVatAndSession() throws Exception {
        try (VatServer server = VatServer.start(dataDir(), null, MAKERS, environment())) {
            Greeter greeter = client.connect(server.services().getFirst().sturdyRef(), Greeter.class);
            assertThat(client.await(greeter.greet("Bo"))).isEqualTo("Hello, Bo!");

            await("the span of the greeting", () -> collector.spans().stream().anyMatch(s -> s.getName().equals("Greeter.greet")));
            await("the meters of the vat and the session", () -> has("erg.vat.messages", "vat", "hello")
                    && has("erg.session.table.entries", "peer", clientIdentity.vatId().toString()));
        }
        assertThat(collector.metrics().stream().map(Metric::getName))
                .contains("erg.vat.queue.depth", "erg.vat.turn.duration", "erg.session.messages.received",
                        "erg.session.messages.sent", "erg.sessions", "erg.vats");
        assertThat(collector.traces.getFirst().getResourceSpans(0).getResource().getAttributesList())
                .anySatisfy(kv -> assertThat(kv.getKey() + "=" + kv.getValue().getStringValue()).isEqualTo("service.name=house"));
    }

    private boolean has(String metric, String attribute, String value) {
        return collector.metrics().stream().filter(m -> m.getName().equals(metric))
                .flatMap(m -> m.hasSum() ? m.getSum().getDataPointsList().stream().map(p -> p.getAttributesList())
                        : m.getGauge().getDataPointsList().stream().map(p -> p.getAttributesList()))
                .anyMatch(attributes -> value.equals(string(attributes, attribute)));
    }

    private static String string(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
                .findFirst().orElse(null);
    }
}
