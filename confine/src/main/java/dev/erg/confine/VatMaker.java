package dev.erg.confine;

import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/**
 * Creates vats on the server that offers it, for whoever holds a reference to it: from a
 * bundle uploaded before, or from a maker the server registered by name, in the server's own
 * process or in a worker process it supervises. Each answer is a reference to the new vat's
 * root object. A vat maker has quotas of its own: how many vats it has running and how many
 * bundle bytes it holds. Each vat it spawns has limits (its computrons, messages and storage
 * when confined, its process's heap and CPU time in a worker): the server's, unless the spawn
 * asks for others within the server's maxima.
 *
 * <p>A root interface is named as text and must be one the server registered; the server never
 * loads a class because a caller named it. Failures break the answer with a problem of one of
 * the kinds below.
 */
public interface VatMaker {

    /** Kind of the problem of a spawn from a bundle this maker was never given. */
    String UNKNOWN_BUNDLE = "UnknownBundle";
    /** Kind of the problem of an upload that is no bundle, or breaks the rules; the detail lists every violation. */
    String BUNDLE_REJECTED = "BundleRejected";
    /** Kind of the problem of a spawn from a maker the server does not have. */
    String UNKNOWN_MAKER = "UnknownMaker";
    /** Kind of the problem of a spawn whose root interface the server did not register. */
    String UNKNOWN_INTERFACE = "UnknownInterface";
    /** Kind of the problem of a spawn whose arguments the maker or the bundle refused. */
    String BAD_ARGUMENTS = "BadArguments";
    /** Kind of the problem of a spawn or upload beyond this maker's quota of vats or bundle bytes. */
    String QUOTA_EXCEEDED = "QuotaExceeded";
    /** Kind of the problem of a spawn that asks for a limit the server does not know, or beyond its maximum. */
    String LIMIT_REFUSED = "LimitRefused";
    /** Kind of the problem of a spawn whose vat failed to start: its maker threw, or its worker did not start. */
    String SPAWN_FAILED = "SpawnFailed";
    /** Kind of the problem of a request for what this server does not offer: bundles when it runs none, workers when it starts none. */
    String NOT_OFFERED = "NotOffered";
    /** Kind of the problem of {@link #sturdyRef} for a reference to anything but a root this maker spawned. */
    String NOT_SPAWNED_HERE = "NotSpawnedHere";

    /**
     * Keeps a bundle, a jar whose manifest names its entry class, and answers its name: the
     * SHA-256 of the jar, in lower-case hex. Uploading the same jar again costs nothing.
     */
    Promise<String> upload(byte[] jar);

    /**
     * Starts a vat running the bundle named {@code hash}, giving its entry {@code args}, and
     * answers its root object as the registered remote interface named {@code rootInterface}.
     *
     * @param inWorker whether the vat runs in a worker process of its own rather than in the server's
     */
    Promise<Object> spawnBundle(String hash, String rootInterface, List<Object> args, boolean inWorker);

    /**
     * Like {@link #spawnBundle}, with the limits named in {@code limits} instead of the
     * server's: {@code computrons.turn}, {@code computrons.vat}, {@code messages.turn},
     * {@code messages.pending}, {@code storage.bytes}, and for a vat in a worker
     * {@code worker.heap.mb} and {@code worker.cpu.seconds}. A limit above the server's
     * maximum breaks the answer with a {@value #LIMIT_REFUSED} problem.
     */
    Promise<Object> spawnBundleWithin(String hash, String rootInterface, List<Object> args, boolean inWorker,
                                      Map<String, Long> limits);

    /**
     * Starts a vat whose root object the server's maker called {@code maker} makes from
     * {@code args}, and answers the root.
     *
     * @param inWorker whether the vat runs in a worker process of its own rather than in the server's
     */
    Promise<Object> spawnMaker(String maker, List<Object> args, boolean inWorker);

    /**
     * Like {@link #spawnMaker}, with the limits named in {@code limits} instead of the server's,
     * as for {@link #spawnBundleWithin}; a maker's vat is not confined, so only a worker's heap
     * and CPU time apply to it.
     */
    Promise<Object> spawnMakerWithin(String maker, List<Object> args, boolean inWorker, Map<String, Long> limits);

    /**
     * A sturdy ref to {@code root}, a root this maker spawned, as text; valid while the server
     * runs. For tools that hand roots on as text, such as the command line.
     */
    Promise<String> sturdyRef(Object root);

    /** The names of the makers and of the root interfaces this server offers, sorted, as {@code maker: Interface}. */
    Promise<List<String>> makers();
}
