package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.VatMaker;
import dev.erg.server.worker.WorkerControl;
import dev.erg.server.worker.Workers;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A server's {@link VatMaker}, living in vat {@code home}: its quotas are those of whoever
 * holds it. Vats spawned in the server's process are made by {@code newVat}; a vat spawned in
 * a worker gets a worker process of its own, and the root answered is a forwarder in
 * {@code home}, so that peers which cannot reach the worker's loopback address reach it through
 * the server. When a worker ends, its vat no longer counts against the quota.
 *
 * <p>Uploaded bundles are verified by {@code bundles}, once per hash, and kept with their jar
 * in {@code kept}, which bounds their bytes; in the server's process they run in confined vats
 * that {@code bundles} starts, and a worker is handed the jar, which it verifies and confines
 * itself. A confined vat that is terminated (over its budget, say) no longer counts either.
 * Each vat spawned gets the limits {@code policy} grants its spawn.
 */
public final class SpawnService implements VatMaker {

    private final Vat home;
    private final RootMakers makers;
    private final Function<String, Vat> newVat;
    private final Optional<Workers> workers;
    private final Optional<BundleRunner> bundles;
    private final SpawnQuota quota;
    private final SpawnPolicy policy;
    private final BundleStore kept;
    private final Function<Object, String> sturdyRefs;
    /**
     * The roots spawned, by each form in which they may come back: the eventual reference
     * answered and, for a forwarder, which lives in this vat, the forwarder itself, which is
     * what a reference to it is delivered here as.
     */
    private final Map<Object, Object> roots = new IdentityHashMap<>();
    private int running;
    private long spawned;

    /**
     * A vat maker granting the default limits, with the heap and CPU time of the workers'
     * limits, which a spawn may lower; it keeps bundles in memory within the quota's bytes.
     */
    public SpawnService(Vat home, RootMakers makers, Function<String, Vat> newVat, Optional<Workers> workers,
                        Optional<BundleRunner> bundles, SpawnQuota quota, Function<Object, String> sturdyRefs) {
        this(home, makers, newVat, workers, bundles, quota,
                SpawnPolicy.of(workers.map(w -> SpawnLimits.defaults().withWorker(w.limits()))
                        .orElse(SpawnLimits.defaults())),
                BundleStore.inMemory(quota.bundleBytes()), sturdyRefs);
    }

    /**
     * A vat maker living in {@code home}, granting spawns the limits of {@code policy} and
     * keeping uploaded bundles in {@code kept}; {@code sturdyRefs} writes a root's sturdy ref.
     */
    public SpawnService(Vat home, RootMakers makers, Function<String, Vat> newVat, Optional<Workers> workers,
                        Optional<BundleRunner> bundles, SpawnQuota quota, SpawnPolicy policy, BundleStore kept,
                        Function<Object, String> sturdyRefs) {
        this.policy = policy;
        this.kept = kept;
        this.sturdyRefs = sturdyRefs;
        this.home = home;
        this.makers = makers;
        this.newVat = newVat;
        this.workers = workers;
        this.bundles = bundles;
        this.quota = quota;
    }

    @Override
    public Promise<String> upload(byte[] jar) {
        if (bundles.isEmpty()) {
            return Promise.broken(Problem.of(NOT_OFFERED, "this server runs no bundles; spawn from a maker: %s",
                    String.join(", ", makers.names())));
        }
        if (jar == null) {
            return Promise.broken(Problem.of(BUNDLE_REJECTED, "no jar (null)"));
        }
        Bundle bundle;
        try {
            bundle = Bundle.ofJar(jar);
            if (kept.get(bundle.hash()).isPresent()) {
                return Promise.of(bundle.hash());
            }
            if (!kept.fits(jar.length)) {
                return Promise.broken(Problem.of(QUOTA_EXCEEDED, "a bundle of %d bytes is more than the %d bytes of"
                        + " bundles this vat maker keeps", jar.length, quota.bundleBytes()));
            }
            bundles.get().verify(bundle);
        } catch (BundleRejectedException e) {
            return Promise.broken(Spawning.rejected(e));
        }
        try {
            kept.put(bundle, jar);
        } catch (UncheckedIOException e) {
            return Promise.broken(Problem.of(SPAWN_FAILED, "the bundle cannot be kept: %s", e.getMessage()));
        }
        return Promise.of(bundle.hash());
    }

    @Override
    public Promise<Object> spawnBundle(String hash, String rootInterface, List<Object> args, boolean inWorker) {
        return spawnBundleWithin(hash, rootInterface, args, inWorker, Map.of());
    }

    @Override
    public Promise<Object> spawnBundleWithin(String hash, String rootInterface, List<Object> args, boolean inWorker,
                                             Map<String, Long> asked) {
        BundleStore.Kept bundle = kept.get(hash).orElse(null);
        if (bundle == null) {
            return Promise.broken(Problem.of(UNKNOWN_BUNDLE, "no bundle %s was uploaded to this vat maker",
                    hash == null ? "null" : Spawning.printable(hash)));
        }
        Problem refused = Spawning.interfaceRefusal(makers, rootInterface);
        if (refused == null) {
            refused = argsRefusal(args);
        }
        if (refused != null) {
            return Promise.broken(refused);
        }
        SpawnLimits limits;
        try {
            limits = policy.grant(asked);
        } catch (ProblemException e) {
            return Promise.broken(e.problem());
        }
        if (inWorker) {
            if (workers.isEmpty()) {
                return Promise.broken(Problem.of(NOT_OFFERED, "this server starts no workers; spawn in its process"));
            }
            Class<?> root = makers.rootInterface(rootInterface).orElseThrow();
            running++;
            return inWorker(root, limits, "bundle " + hash.substring(0, 12),
                    control -> control.spawnBundle(bundle.jar(), rootInterface, args, limits.asMap()));
        }
        running++;
        Promise<Object> spawned = Spawning.spawnBundle(bundles.orElseThrow(), makers, vatName(hash.substring(0, 12)),
                bundle.bundle(), rootInterface, args, limits.confined());
        return kept(counted(spawned)).then(root -> {
            // A confined vat may be terminated (over its budget, say): then it no longer counts.
            Ref.monitor(root, problem -> {
                running--;
                roots.remove(root);
            });
            return root;
        });
    }

    @Override
    public Promise<Object> spawnMaker(String maker, List<Object> args, boolean inWorker) {
        return spawnMakerWithin(maker, args, inWorker, Map.of());
    }

    @Override
    public Promise<Object> spawnMakerWithin(String maker, List<Object> args, boolean inWorker, Map<String, Long> asked) {
        Problem refused = Spawning.refusal(makers, maker, args);
        if (refused == null) {
            refused = argsRefusal(args);
        }
        if (refused != null) {
            return Promise.broken(refused);
        }
        SpawnLimits limits;
        try {
            limits = policy.grant(asked);
        } catch (ProblemException e) {
            return Promise.broken(e.problem());
        }
        if (!inWorker) {
            running++;
            return kept(counted(Spawning.spawn(makers, newVat, vatName(maker), maker, args)));
        }
        if (workers.isEmpty()) {
            return Promise.broken(Problem.of(NOT_OFFERED, "this server starts no workers; spawn in its process"));
        }
        running++;
        return inWorker(makers.maker(maker).orElseThrow().root(), limits, "maker " + maker, control -> control.spawnMaker(maker, args));
    }

    /**
     * Starts a worker with the heap and CPU time of {@code limits} and has {@code spawn} start a
     * vat there; answers a forwarder in {@code home} to the vat's root. The worker is killed when
     * that vat ends, and its end gives the vat back to the quota. Its status says it runs {@code what}.
     */
    private Promise<Object> inWorker(Class<?> root, SpawnLimits limits, String what,
                                     Function<WorkerControl, Promise<Object>> spawn) {
        Deferred<Object> result = Promise.defer();
        workers.orElseThrow().start(limits.workerHeapMegabytes(), limits.workerCpu()).whenComplete((worker, failure) -> home.run(() -> {
            if (failure != null) {
                running--;
                result.resolver().reject(Problem.from(failure instanceof CompletionException c ? c.getCause() : failure));
                return;
            }
            worker.runs(what);
            worker.ended().thenRun(() -> home.run(() -> running--));
            spawn.apply(worker.control()).when(
                    far -> {
                        Object forwarder = Forwarder.of(root, far);
                        Object exported = exported(root, forwarder);
                        roots.put(forwarder, exported);
                        roots.put(exported, exported);
                        worker.ended().thenRun(() -> home.run(() -> {
                            roots.remove(forwarder);
                            roots.remove(exported);
                        }));
                        // A worker runs one vat: once that vat is gone (a confined one over its
                        // budget, say), the process has nothing left to do.
                        worker.control().vatEnded().when(why -> worker.kill("its vat ended: " + why), gone -> {
                            // The worker ended first: nothing is left to stop.
                        });
                        result.resolver().resolve(exported);
                    },
                    problem -> {
                        worker.kill("its vat did not start: " + problem);
                        result.resolver().reject(problem);
                    });
        }));
        return result.promise();
    }

    @Override
    public Promise<String> sturdyRef(Object root) {
        Object spawned = root == null ? null : roots.get(root);
        if (spawned == null) {
            return Promise.broken(Problem.of(NOT_SPAWNED_HERE, "the reference is not to a root this vat maker spawned"
                    + " (or its vat has ended)"));
        }
        return Promise.of(sturdyRefs.apply(spawned));
    }

    @Override
    public Promise<List<String>> makers() {
        return Promise.of(makers.listing());
    }

    /** Remembers the root {@code spawn} answers, for {@link #sturdyRef}. */
    private Promise<Object> kept(Promise<Object> spawn) {
        return spawn.then(root -> {
            roots.put(root, root);
            return root;
        });
    }

    /** Undoes the count of a spawn that failed before a worker could take it over. */
    private <T> Promise<T> counted(Promise<T> spawn) {
        return spawn.otherwise(problem -> {
            running--;
            throw new ProblemException(problem);
        });
    }

    private Problem argsRefusal(List<Object> args) {
        if (args == null) {
            return Problem.of(BAD_ARGUMENTS, "the arguments are null (expected: a list, perhaps empty)");
        }
        if (running >= quota.vats()) {
            return Problem.of(QUOTA_EXCEEDED, "%d vats are running, the most this vat maker may have", running);
        }
        return null;
    }

    private <T> T exported(Class<T> root, Object forwarder) {
        return home.export(root.cast(forwarder), root);
    }

    private String vatName(String what) {
        spawned++;
        return "spawned-" + spawned + "-" + what;
    }
}
