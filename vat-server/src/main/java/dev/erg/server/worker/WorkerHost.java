package dev.erg.server.worker;

import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.Spawning;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import java.util.List;

/** The {@link WorkerControl} of a worker: spawns vats in the worker's runtime. */
final class WorkerHost implements WorkerControl {

    private final RootMakers makers;
    private final VatRuntime runtime;
    private long spawned;

    WorkerHost(RootMakers makers, VatRuntime runtime) {
        this.makers = makers;
        this.runtime = runtime;
    }

    @Override
    public Promise<Object> spawnMaker(String maker, List<Object> args) {
        spawned++;
        return Spawning.spawn(makers, runtime::newVat, "spawned-" + spawned, maker, args);
    }
}
