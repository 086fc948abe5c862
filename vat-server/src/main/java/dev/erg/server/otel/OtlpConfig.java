package dev.erg.server.otel;

import dev.erg.server.config.SetupException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a server exports over OTLP, read from the standard OpenTelemetry environment
 * variables: {@value #ENDPOINT} (export is off when it is unset), {@value #PROTOCOL} (only
 * {@code http/protobuf}, the default, is available), {@value #SERVICE_NAME} (default
 * {@value #DEFAULT_SERVICE_NAME}), {@value #TIMEOUT} (milliseconds a request may take, default
 * 10,000), {@value #METRIC_INTERVAL} (milliseconds between metric exports, default 60,000) and
 * {@value #SPAN_DELAY} (milliseconds a span may wait to be batched, default 5,000), and the
 * Java SDK's own {@value #RETRY_DISABLED} ({@code true} sends each batch once; by default a
 * failed request is tried again, up to five times in all, backing off from one second).
 *
 * @param endpoint       the collector's base URL; {@code /v1/traces} and {@code /v1/metrics} are appended
 * @param serviceName    the {@code service.name} of the resource
 * @param timeout        how long one export request may take
 * @param metricInterval the time between metric exports
 * @param spanDelay      the longest a span waits before its batch is sent
 * @param retry          whether a failed request is tried again
 */
public record OtlpConfig(URI endpoint, String serviceName, Duration timeout, Duration metricInterval,
                         Duration spanDelay, boolean retry) {

    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
    static final String TIMEOUT = "OTEL_EXPORTER_OTLP_TIMEOUT";
    static final String METRIC_INTERVAL = "OTEL_METRIC_EXPORT_INTERVAL";
    static final String SPAN_DELAY = "OTEL_BSP_SCHEDULE_DELAY";
    static final String RETRY_DISABLED = "OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED";
    static final String DEFAULT_SERVICE_NAME = "erg-vat-server";
    private static final String HTTP_PROTOBUF = "http/protobuf";

    /** Checks that every field is given and every duration positive. */
    public OtlpConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(serviceName, "serviceName");
        for (Duration d : new Duration[] {timeout, metricInterval, spanDelay}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration: " + d + " (expected: > 0)");
            }
        }
    }

    /**
     * The configuration {@code environment} asks for, or empty if it names no endpoint.
     *
     * @throws SetupException if a variable has a value that cannot be used, saying which and why
     */
    public static Optional<OtlpConfig> from(Map<String, String> environment) throws SetupException {
        String endpoint = environment.get(ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        String protocol = environment.getOrDefault(PROTOCOL, HTTP_PROTOBUF).strip();
        if (!protocol.equals(HTTP_PROTOBUF)) {
            throw new SetupException(PROTOCOL + ": \"" + protocol + "\" (expected: " + HTTP_PROTOBUF
                    + "; this server exports over HTTP only, so point it at the collector's OTLP/HTTP port, usually 4318)");
        }
        String service = environment.getOrDefault(SERVICE_NAME, DEFAULT_SERVICE_NAME).strip();
        if (service.isEmpty()) {
            throw new SetupException(SERVICE_NAME + ": empty (expected: a name, such as " + DEFAULT_SERVICE_NAME + ")");
        }
        return Optional.of(new OtlpConfig(url(endpoint.strip()), service,
                millis(environment, TIMEOUT, 10_000), millis(environment, METRIC_INTERVAL, 60_000),
                millis(environment, SPAN_DELAY, 5_000), !retryDisabled(environment)));
    }

    /** The URL that signal {@code path} ({@code v1/traces}, {@code v1/metrics}) is sent to. */
    String signal(String path) {
        String base = endpoint.toString();
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    private static URI url(String text) throws SetupException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new SetupException(ENDPOINT + ": \"" + text + "\" is not a URL (" + e.getReason()
                    + "); expected such as http://collector:4318");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new SetupException(ENDPOINT + ": \"" + text + "\" (expected: an http or https URL with a host,"
                    + " such as http://collector:4318)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new SetupException(ENDPOINT + ": \"" + text + "\" (expected: no query or fragment)");
        }
        return uri;
    }

    private static boolean retryDisabled(Map<String, String> environment) throws SetupException {
        String text = environment.getOrDefault(RETRY_DISABLED, "false").strip();
        return switch (text) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new SetupException(RETRY_DISABLED + ": \"" + text + "\" (expected: true or false)");
        };
    }

    private static Duration millis(Map<String, String> environment, String name, long otherwise) throws SetupException {
        String text = environment.get(name);
        if (text == null || text.isBlank()) {
            return Duration.ofMillis(otherwise);
        }
        long ms;
        try {
            ms = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new SetupException(name + ": \"" + text + "\" (expected: a whole number of milliseconds)");
        }
        if (ms <= 0) {
            throw new SetupException(name + ": " + ms + " (expected: milliseconds > 0)");
        }
        return Duration.ofMillis(ms);
    }
}
