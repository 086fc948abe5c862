package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.function.Consumer;

/** A confined vat as {@link Confinement#spawn} made it. */
record Spawned<T>(Vat vat, Promise<T> root, Meter meter, QuotaGuard guard, Limits limits, Storage storage,
                  Ending ending) implements ConfinedVat<T> {

    @Override
    public long used() {
        return meter.used();
    }

    @Override
    public int pending() {
        return guard.pending();
    }

    @Override
    public void terminate(String reason) {
        ending.end(reason);
    }

    @Override
    public void whenEnding(Consumer<String> listener) {
        ending.listen(listener);
    }
}
