package dev.erg.server.host;

import dev.erg.server.config.SetupException;
import dev.erg.trace.TraceFile;
import dev.erg.trace.Tracer;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;

/**
 * Causality tracing for a server, off unless its environment names a trace file:
 * {@value #FILE} is the file every sampled event is appended to (see {@link TraceFile}), and
 * {@value #SAMPLE} the share of roots traced, 0 to 1 (default 1). {@code vat-server trace}
 * reads such files, of one server or several.
 */
final class TraceSetup {

    static final String FILE = "ERG_TRACE_FILE";
    static final String SAMPLE = "ERG_TRACE_SAMPLE";

    private TraceSetup() {
    }

    /** Gives {@code builder} a tracer if {@code environment} asks for one; the file is closed with {@code opened}. */
    static void configure(VatRuntime.Builder builder, Map<String, String> environment, Deque<AutoCloseable> opened)
            throws SetupException {
        String file = environment.get(FILE);
        if (file == null || file.isBlank()) {
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
        TraceFile sink;
        try {
            sink = TraceFile.append(Path.of(file));
        } catch (IOException e) {
            throw new SetupException(FILE + ": cannot open " + file + " for appending: " + e.getMessage(), e);
        }
        opened.push(sink);
        builder.tracer(Tracer.builder().sampleRate(rate).sink(sink).build());
    }
}
