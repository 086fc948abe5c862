package dev.erg.server.worker;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.Limits;
import dev.erg.confine.VatMaker;
import dev.erg.server.spawn.BundleRunner;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.SpawnLimits;
import dev.erg.server.spawn.Spawning;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.List;
import java.util.Map;

/** The {@link WorkerControl} of a worker: spawns vats in the worker's runtime. */
final class WorkerHost implements WorkerControl {

    private final Vat vat;
    private final RootMakers makers;
    private final VatRuntime runtime;
    private final BundleRunner bundles;
    private Deferred<String> ended;

    /** A host living in {@code vat}, where every call to it runs. */
    WorkerHost(Vat vat, RootMakers makers, VatRuntime runtime, BundleRunner bundles) {
        this.vat = vat;
        this.makers = makers;
        this.runtime = runtime;
        this.bundles = bundles;
    }

    @Override
    public Promise<Object> spawnMaker(String vatName, String maker, List<Object> args) {
        return Spawning.spawn(makers, runtime::newVat, vatName, maker, args).then(root -> {
            Ref.monitor(root, problem -> ended().resolver().resolve(problem.message()));
            return root;
        });
    }

    @Override
    public Promise<Object> spawnBundle(String vatName, byte[] jar, String rootInterface, List<Object> args,
                                       Map<String, Long> limits) {
        if (limits == null) {
            return Promise.broken(Problem.of(VatMaker.LIMIT_REFUSED, "the limits are null"));
        }
        Limits confined;
        try {
            confined = SpawnLimits.defaults().with(limits).confined();
        } catch (IllegalArgumentException e) {
            return Promise.broken(Problem.of(VatMaker.LIMIT_REFUSED, "%s", e.getMessage()));
        }
        Bundle bundle;
        try {
            bundle = Bundle.ofJar(jar);
        } catch (BundleRejectedException e) {
            return Promise.broken(Spawning.rejected(e));
        }
        // Told on the thread that ends the vat; the supervisor hears of it in this vat's order.
        return Spawning.spawnBundle(bundles, makers, vatName, bundle, rootInterface, args, confined,
                why -> vat.run(() -> ended().resolver().resolve(why)));
    }

    @Override
    public Promise<String> vatEnded() {
        return ended().promise();
    }

    /** Made in the worker's vat, where every call to this object runs. */
    private Deferred<String> ended() {
        if (ended == null) {
            ended = Promise.defer();
        }
        return ended;
    }
}
