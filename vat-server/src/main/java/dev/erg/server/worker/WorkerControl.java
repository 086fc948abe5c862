package dev.erg.server.worker;

import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/**
 * What a worker process offers its supervisor, and no one else: the only object it exports at
 * start. A worker runs one vat, named by the supervisor, so that a problem that names the vat
 * reads the same in the worker and in the server.
 */
public interface WorkerControl {

    /**
     * Starts a vat called {@code vatName} in the worker whose root the worker's maker called
     * {@code maker} makes from {@code args}; answers the root, or breaks with a
     * {@link dev.erg.confine.VatMaker} problem.
     */
    Promise<Object> spawnMaker(String vatName, String maker, List<Object> args);

    /**
     * Starts a confined vat called {@code vatName} in the worker running the bundle {@code jar},
     * which the worker verifies and meters itself, giving its entry {@code args} and holding it
     * to {@code limits} (every {@link dev.erg.server.spawn.SpawnLimits} by name); answers its
     * root as the registered interface named {@code rootInterface}, or breaks with a
     * {@link dev.erg.confine.VatMaker} problem.
     */
    Promise<Object> spawnBundle(String vatName, byte[] jar, String rootInterface, List<Object> args,
                                Map<String, Long> limits);

    /**
     * Fulfilled with why, once the vat this worker spawned has ended: for a confined vat the
     * reason it was terminated (over its budget, say), for another the problem its root broke
     * with. The worker then has nothing left to do.
     */
    Promise<String> vatEnded();
}
