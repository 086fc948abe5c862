package dev.erg.server.otel;

import dev.erg.server.metrics.ServerMetrics;
import dev.erg.trace.TraceSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP export of one server, with the OpenTelemetry SDK: its traced turns as spans (given
 * to the tracer as the sink {@link #spans()}), batched and sent on the SDK's own threads, and
 * its meters, collected and sent every {@link OtlpConfig#metricInterval()}. Nothing a vat does
 * waits for the collector: past {@value #MAX_QUEUED} spans on their way, more are dropped and
 * counted ({@link #droppedSpans()}, and the meter {@code erg.otlp.spans.dropped} both here and
 * on the Prometheus endpoint). What the SDK logs reaches the server's log at most once a
 * minute per kind.
 */
public final class OtlpExport implements AutoCloseable {

    /** Spans queued or being sent at most; the batch processor's queue is as long. */
    static final int MAX_QUEUED = 2048;
    private static final String SCOPE = "dev.erg.server";

    private final SdkTracerProvider tracers;
    private final SdkMeterProvider meters;
    private final TurnSpans spans;
    private final SpanBudget budget;
    private final ServerMetrics metrics;
    private final OtlpConfig config;

    private OtlpExport(SdkTracerProvider tracers, SdkMeterProvider meters, TurnSpans spans, SpanBudget budget,
                       ServerMetrics metrics, OtlpConfig config) {
        this.tracers = tracers;
        this.meters = meters;
        this.spans = spans;
        this.budget = budget;
        this.metrics = metrics;
        this.config = config;
    }

    /** Starts exporting {@code metrics} as {@code config} says; spans flow once {@link #spans()} is a tracer's sink. */
    public static OtlpExport start(OtlpConfig config, ServerMetrics metrics) {
        SdkLog.install();
        Resource resource = Resource.getDefault().merge(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName())));

        OtlpHttpMetricExporter metricExporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(config.signal("v1/metrics")).setTimeout(config.timeout()).setRetryPolicy(retry(config))
                .setMeterProvider(MeterProvider.noop()).build();
        SdkMeterProvider meters = SdkMeterProvider.builder().setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter).setInterval(config.metricInterval())
                        .setExporterTimeout(config.timeout()).build())
                .build();

        SpanBudget budget = new SpanBudget(MAX_QUEUED);
        OtlpHttpSpanExporter spanExporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.signal("v1/traces")).setTimeout(config.timeout()).setRetryPolicy(retry(config))
                .setMeterProvider(MeterProvider.noop()).build();
        BatchSpanProcessor batch = BatchSpanProcessor.builder(budget.settling(spanExporter))
                .setMaxQueueSize(MAX_QUEUED).setScheduleDelay(config.spanDelay()).setExporterTimeout(config.timeout())
                .setMeterProvider(MeterProvider.noop()).build();
        ErgIds ids = new ErgIds();
        SdkTracerProvider tracers = SdkTracerProvider.builder().setResource(resource).setIdGenerator(ids)
                // Erg decides at each trace's root which traces are recorded; every span it reports is kept.
                .setSampler(Sampler.alwaysOn())
                .addSpanProcessor(budget.gate(batch))
                .build();
        TurnSpans spans = new TurnSpans(tracers.get(SCOPE), ids);
        OtlpExport export = new OtlpExport(tracers, meters, spans, budget, metrics, config);
        OtelMeters.register(meters.get(SCOPE), metrics, export::droppedSpans);
        metrics.trackDroppedSpans(export::droppedSpans);
        return export;
    }

    /** The SDK's default policy, or none: the SDK takes a null policy to mean each request is sent once. */
    private static RetryPolicy retry(OtlpConfig config) {
        return config.retry() ? RetryPolicy.getDefault() : null;
    }

    /** The sink that turns a tracer's events into spans. */
    public TraceSink spans() {
        return spans;
    }

    /**
     * Spans lost so far: not started because too many turns were open, dropped while the queue
     * was full, or not delivered.
     */
    public long droppedSpans() {
        return budget.lost() + spans.dropped();
    }

    /** Sends what is pending, waiting at most the export timeout for each signal. */
    public void flush() {
        long ms = config.timeout().toMillis();
        tracers.forceFlush().join(ms, TimeUnit.MILLISECONDS);
        meters.forceFlush().join(ms, TimeUnit.MILLISECONDS);
    }

    /** Sends what is pending and stops, waiting at most the export timeout for each signal. */
    @Override
    public void close() {
        metrics.timeTurns(null);
        long ms = config.timeout().toMillis();
        tracers.shutdown().join(ms, TimeUnit.MILLISECONDS);
        meters.shutdown().join(ms, TimeUnit.MILLISECONDS);
    }
}
