package dev.erg.server.host;

import dev.erg.server.config.SetupException;
import dev.erg.server.otel.OtlpExport;
import dev.erg.trace.TraceFile;
import dev.erg.trace.TraceSink;
import dev.erg.trace.Tracer;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Causality tracing for a server, off unless its environment names a trace file or an OTLP
 * collector: {@value #FILE} is the file every sampled event is appended to (see
 * {@link TraceFile}), and {@value #SAMPLE} the share of roots traced, 0 to 1 (default 1).
 * {@code vat-server trace} reads such files, of one server or several. With an OTLP export
 * (see {@link OtlpExport}), the sampled turns are also exported as spans; a sample of 0 then
 * leaves tracing off.
 */
final class TraceSetup {

    static final String FILE = "ERG_TRACE_FILE";
    static final String SAMPLE = "ERG_TRACE_SAMPLE";

    private TraceSetup() {
    }

    /**
     * Gives {@code builder} a tracer if {@code environment} asks for one, or {@code otlp} is
     * present; the file is closed with {@code opened}.
     */
    static void configure(VatRuntime.Builder builder, Map<String, String> environment, Optional<OtlpExport> otlp,
                          Deque<AutoCloseable> opened) throws SetupException {
        String file = environment.get(FILE);
        boolean toFile = file != null && !file.isBlank();
        if (!toFile && otlp.isEmpty()) {
            return;
        }
        double rate = 1;
        String sample = environment.get(SAMPLE);
        if (sample != null) {
            try {
                rate = Double.parseDouble(sample);
            } catch (NumberFormatException e) {
                throw new SetupException(SAMPLE + ": \"" + sample + "\" (expected: a number from 0 to 1)");
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw new SetupException(SAMPLE + ": " + sample + " (expected: a number from 0 to 1)");
            }
        }
        if (!toFile) {
            if (rate > 0) {
                builder.tracer(Tracer.builder().sampleRate(rate).sink(otlp.get().spans()).build());
            }
            return;
        }
        TraceFile traceFile;
        try {
            traceFile = TraceFile.append(Path.of(file));
        } catch (IOException e) {
            throw new SetupException(FILE + ": cannot open " + file + " for appending: " + e.getMessage(), e);
        }
        opened.push(traceFile);
        TraceSink sink = otlp.<TraceSink>map(export -> both(traceFile, export.spans())).orElse(traceFile);
        builder.tracer(Tracer.builder().sampleRate(rate).sink(sink).build());
    }

    private static TraceSink both(TraceSink first, TraceSink second) {
        return event -> {
            first.accept(event);
            second.accept(event);
        };
    }
}
