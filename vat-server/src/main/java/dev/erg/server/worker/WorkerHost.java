package dev.erg.server.worker;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.server.spawn.BundleRunner;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.SpawnLimits;
import dev.erg.server.spawn.Spawning;
import dev.erg.confine.Limits;
import dev.erg.confine.VatMaker;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.VatRuntime;
import java.util.List;
import java.util.Map;

/** The {@link WorkerControl} of a worker: spawns vats in the worker's runtime. */
final class WorkerHost implements WorkerControl {

    private final RootMakers makers;
    private final VatRuntime runtime;
    private final BundleRunner bundles;
    private long spawned;
    private Deferred<String> ended;

    WorkerHost(RootMakers makers, VatRuntime runtime, BundleRunner bundles) {
        this.makers = makers;
        this.runtime = runtime;
        this.bundles = bundles;
    }

    @Override
    public Promise<Object> spawnMaker(String maker, List<Object> args) {
        spawned++;
        return watched(Spawning.spawn(makers, runtime::newVat, "spawned-" + spawned, maker, args));
    }

    @Override
    public Promise<Object> spawnBundle(byte[] jar, String rootInterface, List<Object> args, Map<String, Long> limits) {
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
        spawned++;
        return watched(Spawning.spawnBundle(bundles, makers, "spawned-" + spawned + "-" + bundle.hash().substring(0, 12),
                bundle, rootInterface, args, confined));
    }

    @Override
    public Promise<String> vatEnded() {
        return ended().promise();
    }

    /** {@code spawn}, whose root, once answered, is watched for its vat's end. */
    private Promise<Object> watched(Promise<Object> spawn) {
        return spawn.then(root -> {
            Ref.monitor(root, problem -> ended().resolver().resolve(problem.message()));
            return root;
        });
    }

    /** Made in the worker's vat, where every call to this object runs. */
    private Deferred<String> ended() {
        if (ended == null) {
            ended = Promise.defer();
        }
        return ended;
    }
}
