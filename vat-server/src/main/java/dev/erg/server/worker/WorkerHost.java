package dev.erg.server.worker;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.server.spawn.BundleRunner;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.Spawning;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import java.util.List;

/** The {@link WorkerControl} of a worker: spawns vats in the worker's runtime. */
final class WorkerHost implements WorkerControl {

    private final RootMakers makers;
    private final VatRuntime runtime;
    private final BundleRunner bundles;
    private long spawned;

    WorkerHost(RootMakers makers, VatRuntime runtime, BundleRunner bundles) {
        this.makers = makers;
        this.runtime = runtime;
        this.bundles = bundles;
    }

    @Override
    public Promise<Object> spawnMaker(String maker, List<Object> args) {
        spawned++;
        return Spawning.spawn(makers, runtime::newVat, "spawned-" + spawned, maker, args);
    }

    @Override
    public Promise<Object> spawnBundle(byte[] jar, String rootInterface, List<Object> args) {
        Bundle bundle;
        try {
            bundle = Bundle.ofJar(jar);
        } catch (BundleRejectedException e) {
            return Promise.broken(Spawning.rejected(e));
        }
        spawned++;
        return Spawning.spawnBundle(bundles, makers, "spawned-" + spawned + "-" + bundle.hash().substring(0, 12), bundle,
                rootInterface, args);
    }
}
