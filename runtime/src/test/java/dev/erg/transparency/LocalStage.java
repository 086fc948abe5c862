package dev.erg.transparency;

import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.trace.TraceGraph;
import dev.erg.trace.Tracer;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Every vat of a scenario in one fresh {@link VatRuntime} on the shared pool. */
final class LocalStage implements Stage {

    private final Duration wait;

    LocalStage(Duration wait) {
        this.wait = wait;
    }

    @Override
    public Mode mode() {
        return Mode.LOCAL;
    }

    @Override
    public Outcome run(Scenario scenario) {
        Outcome outcome = new Outcome();
        Tracer tracer = Tracer.builder().build();
        try (VatRuntime runtime = VatRuntime.builder().tracer(tracer).build()) {
            Stage.finish(Stage.start(scenario, new OneRuntime(runtime, tracer), outcome), outcome, wait);
        }
        return outcome;
    }

    @Override
    public void close() {
        // Each run closes its own runtime.
    }

    /** A world whose vats share {@code runtime}: sharing is exporting. */
    static final class OneRuntime implements World {
        private final VatRuntime runtime;
        private final Tracer tracer;
        private final Map<String, Vat> vats = new HashMap<>();

        OneRuntime(VatRuntime runtime, Tracer tracer) {
            this.runtime = runtime;
            this.tracer = tracer;
        }

        @Override
        public TraceGraph trace() {
            return tracer.graph();
        }

        @Override
        public synchronized Vat vat(String name) {
            return vats.computeIfAbsent(name, runtime::newVat);
        }

        @Override
        public <T> T share(String from, T object, Class<T> iface, String to) {
            vat(to);
            return vat(from).export(object, iface);
        }

        @Override
        public Promise<Void> cut(String name) {
            return Promise.of(null);
        }
    }
}
