package dev.erg.bench.trace;

import dev.erg.trace.Tracer;
import dev.erg.vat.VatRuntime;

/** How the runtime of one run of {@link TracingOverhead} traces. */
enum Tracing {
    OFF("off", -1),
    /** No tracer either: how far two runs of the same build and mode land apart. */
    CONTROL("off again (control)", -1),
    ON("on (all)", 1.0),
    SAMPLED("sampled 1%", 0.01),
    /** A tenth of 1%'s traced roots: what of 1%'s cost grows with the rate. */
    SAMPLED_TENTH("sampled 0.1%", 0.001),
    /** A tracer that samples nothing: what every turn pays once tracing is configured, apart from recording. */
    NONE("sampled 0%", 0.0);

    final String label;
    /** The tracer's sample rate, or -1 for no tracer. */
    final double rate;

    Tracing(String label, double rate) {
        this.label = label;
        this.rate = rate;
    }

    /** A fresh runtime of one thread, traced as this mode says. */
    VatRuntime runtime() {
        VatRuntime.Builder builder = VatRuntime.builder().threads(1);
        if (rate >= 0) {
            builder.tracer(Tracer.builder().sampleRate(rate).build());
        }
        return builder.build();
    }
}
