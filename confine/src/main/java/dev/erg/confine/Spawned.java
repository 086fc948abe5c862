package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;

/** A confined vat as {@link Confinement#spawn} made it. */
record Spawned<T>(Vat vat, Promise<T> root, Meter meter, QuotaGuard guard, Limits limits, Storage storage)
        implements ConfinedVat<T> {

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
        Vats.terminate(vat, reason);
    }
}
