package dev.erg.server.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.config.SetupException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpConfigTest {

    @Test
    void exportIsOffWithoutAnEndpoint() throws SetupException {
        assertThat(OtlpConfig.from(Map.of())).isEmpty();
        assertThat(OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, " "))).isEmpty();
        assertThat(OtlpConfig.from(Map.of(OtlpConfig.SERVICE_NAME, "house"))).isEmpty();
    }

    @Test
    void anEndpointAloneTakesTheDefaults() throws SetupException {
        OtlpConfig config = OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://collector:4318")).orElseThrow();

        assertThat(config).isEqualTo(new OtlpConfig(URI.create("http://collector:4318"), "erg-vat-server",
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5), true));
        assertThat(config.signal("v1/traces")).isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void theStandardVariablesAreRead() throws SetupException {
        OtlpConfig config = OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "https://otel.example/base/",
                OtlpConfig.PROTOCOL, "http/protobuf", OtlpConfig.SERVICE_NAME, "house",
                OtlpConfig.TIMEOUT, "2500", OtlpConfig.METRIC_INTERVAL, "15000", OtlpConfig.SPAN_DELAY, "200",
                OtlpConfig.RETRY_DISABLED, "true")).orElseThrow();

        assertThat(config).isEqualTo(new OtlpConfig(URI.create("https://otel.example/base/"), "house",
                Duration.ofMillis(2500), Duration.ofSeconds(15), Duration.ofMillis(200), false));
        assertThat(config.signal("v1/metrics")).isEqualTo("https://otel.example/base/v1/metrics");
    }

    @Test
    void badValuesSayWhichVariableAndWhatIsExpected() {
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "collector:4318")))
                .isInstanceOf(SetupException.class)
                .hasMessage("OTEL_EXPORTER_OTLP_ENDPOINT: \"collector:4318\" (expected: an http or https URL with a host,"
                        + " such as http://collector:4318)");
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://a b")))
                .isInstanceOf(SetupException.class).hasMessageStartingWith("OTEL_EXPORTER_OTLP_ENDPOINT: \"http://a b\" is not a URL");
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://c:4318", OtlpConfig.PROTOCOL, "grpc")))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("OTEL_EXPORTER_OTLP_PROTOCOL: \"grpc\" (expected: http/protobuf;");
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://c:4318", OtlpConfig.SERVICE_NAME, "")))
                .isInstanceOf(SetupException.class).hasMessageStartingWith("OTEL_SERVICE_NAME: empty");
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://c:4318", OtlpConfig.TIMEOUT, "10s")))
                .isInstanceOf(SetupException.class)
                .hasMessage("OTEL_EXPORTER_OTLP_TIMEOUT: \"10s\" (expected: a whole number of milliseconds)");
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://c:4318", OtlpConfig.METRIC_INTERVAL, "0")))
                .isInstanceOf(SetupException.class).hasMessage("OTEL_METRIC_EXPORT_INTERVAL: 0 (expected: milliseconds > 0)");
        assertThatThrownBy(() -> OtlpConfig.from(Map.of(OtlpConfig.ENDPOINT, "http://c:4318", OtlpConfig.RETRY_DISABLED, "yes")))
                .isInstanceOf(SetupException.class)
                .hasMessage("OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED: \"yes\" (expected: true or false)");
    }
}
