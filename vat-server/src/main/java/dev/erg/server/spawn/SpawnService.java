package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.VatMaker;
import dev.erg.server.worker.Worker;
import dev.erg.server.worker.WorkerControl;
import dev.erg.server.worker.Workers;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A server's {@link VatMaker}, living in vat {@code home}: its quotas are those of whoever
 * holds it. Vats spawned in the server's process are made by {@code newVat}; a vat spawned in
 * a worker gets a worker process of its own, and the root answered is a forwarder in
 * {@code home}, so that peers which cannot reach the worker's loopback address reach it through
 * the server. That forwarder lives in a vat of its own, named like the worker's vat, which is
 * terminated with the worker's vat's reason when that vat ends or its worker does: references
 * to the root then break at once, here and at peers, as references into a confined vat of the
 * server's process do, and with the same problem.
 *
 * <p>Uploaded bundles are verified by {@code bundles}, once per hash, and kept with their jar
 * in {@code kept}, which bounds their bytes; in the server's process they run in confined vats
 * that {@code bundles} starts, and a worker is handed the jar, which it verifies and confines
 * itself. Each vat spawned gets the limits {@code policy} grants its spawn.
 *
 * <p>A vat that ends (a confined one over its budget, say, or one whose worker ended) gives its
 * place in the quota back before its references break, so that whoever sees them break may
 * spawn again at once.
 */
public final class SpawnService implements VatMaker {

    /** How long a worker that cannot be reached is given to exit before it is killed. */
    private static final Duration UNREACHABLE_GRACE = Duration.ofSeconds(5);

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
    /** Vats running: taken in this vat's turns, given back from any thread (see {@link QuotaPlace}). */
    private final AtomicInteger running = new AtomicInteger();
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
            return inWorker(root, limits, vatName(hash.substring(0, 12)), "bundle " + hash.substring(0, 12),
                    (control, name) -> control.spawnBundle(name, bundle.jar(), rootInterface, args, limits.asMap()));
        }
        QuotaPlace place = new QuotaPlace(running);
        Promise<Object> spawned = Spawning.spawnBundle(bundles.orElseThrow(), makers, vatName(hash.substring(0, 12)),
                bundle.bundle(), rootInterface, args, limits.confined(), why -> place.free());
        return kept(counted(spawned, place)).then(root -> {
            Ref.monitor(root, problem -> roots.remove(root));
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
            QuotaPlace place = new QuotaPlace(running);
            return kept(counted(Spawning.spawn(makers, newVat, vatName(maker), maker, args), place));
        }
        if (workers.isEmpty()) {
            return Promise.broken(Problem.of(NOT_OFFERED, "this server starts no workers; spawn in its process"));
        }
        return inWorker(makers.maker(maker).orElseThrow().root(), limits, vatName(maker), "maker " + maker,
                (control, name) -> control.spawnMaker(name, maker, args));
    }

    /**
     * Starts a worker with the heap and CPU time of {@code limits} and has {@code spawn} start a
     * vat called {@code name} there; answers a forwarder to the vat's root, living in a vat of
     * this process of the same name. When the worker's vat ends, or the worker does, the place
     * is given back, that vat terminated with the reason and the worker killed, in that order.
     * The worker's status says it runs {@code what}.
     */
    private Promise<Object> inWorker(Class<?> root, SpawnLimits limits, String name, String what,
                                     BiFunction<WorkerControl, String, Promise<Object>> spawn) {
        QuotaPlace place = new QuotaPlace(running);
        Deferred<Object> result = Promise.defer();
        CompletableFuture<Worker> started = workers.orElseThrow().start(limits.workerHeapMegabytes(), limits.workerCpu());
        started.whenComplete((worker, failure) -> home.run(() -> {
            if (failure != null) {
                place.free();
                result.resolver().reject(Problem.from(failure instanceof CompletionException c ? c.getCause() : failure));
                return;
            }
            worker.runs(what);
            spawn.apply(worker.control(), name).when(
                    far -> result.resolver().resolve(forwarded(root, name, far, worker, place)),
                    problem -> {
                        place.free();
                        worker.kill("its vat did not start: " + problem);
                        result.resolver().reject(problem);
                    });
        }));
        return result.promise();
    }

    /** The root {@code far} of {@code worker}'s vat, forwarded from a new vat here; watched for the vat's end. */
    private Object forwarded(Class<?> root, String name, Object far, Worker worker, QuotaPlace place) {
        Vat gateway = newVat.apply(name);
        Forwarder forwarder = new Forwarder(root, far);
        Object proxy = forwarder.proxy();
        Object exported = exported(gateway, root, proxy);
        roots.put(proxy, exported);
        roots.put(exported, exported);
        AtomicBoolean over = new AtomicBoolean();
        Consumer<String> end = why -> {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            place.free();
            forwarder.end(Problem.of(Problem.VAT_SHUT_DOWN, "vat %s terminated: %s", name, why));
            Vats.terminate(gateway, why);
            worker.kill("its vat ended: " + why);
        };
        // A worker runs one vat: once that vat is gone, the process has nothing left to do.
        worker.control().vatEnded().when(end::accept, gone -> {
            // The worker ended first: its end says why.
        });
        worker.ended().thenAccept(status -> end.accept("its worker ended (" + status.detail() + ")"));
        // A worker this server cannot reach is of no use. It has most likely died, and its exit,
        // which says why, is awaited a while before it is killed for that.
        Ref.monitor(far, problem -> home.timer().after(UNREACHABLE_GRACE).when(
                x -> worker.kill("it cannot be reached: " + problem), x -> {
                    // The server is stopping: its workers go with it.
                }));
        Ref.monitor(exported, problem -> {
            roots.remove(proxy);
            roots.remove(exported);
        });
        return exported;
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

    /** Gives {@code place} back if the spawn fails. */
    private static <T> Promise<T> counted(Promise<T> spawn, QuotaPlace place) {
        return spawn.otherwise(problem -> {
            place.free();
            throw new ProblemException(problem);
        });
    }

    private Problem argsRefusal(List<Object> args) {
        if (args == null) {
            return Problem.of(BAD_ARGUMENTS, "the arguments are null (expected: a list, perhaps empty)");
        }
        int now = running.get();
        if (now >= quota.vats()) {
            return Problem.of(QUOTA_EXCEEDED, "%d vats are running, the most this vat maker may have", now);
        }
        return null;
    }

    private static <T> T exported(Vat vat, Class<T> root, Object forwarder) {
        return vat.export(root.cast(forwarder), root);
    }

    private String vatName(String what) {
        spawned++;
        return "spawned-" + spawned + "-" + what;
    }
}
