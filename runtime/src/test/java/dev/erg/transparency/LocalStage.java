package dev.erg.transparency;

import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
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
        try (VatRuntime runtime = VatRuntime.create()) {
            Stage.finish(Stage.start(scenario, new OneRuntime(runtime), outcome), outcome, wait);
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
        private final Map<String, Vat> vats = new HashMap<>();

        OneRuntime(VatRuntime runtime) {
            this.runtime = runtime;
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
