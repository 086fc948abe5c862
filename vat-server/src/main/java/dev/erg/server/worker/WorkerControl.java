package dev.erg.server.worker;

import dev.erg.vat.Promise;
import java.util.List;

/** What a worker process offers its supervisor, and no one else: the only object it exports at start. */
public interface WorkerControl {

    /**
     * Starts a vat in the worker whose root the worker's maker called {@code maker} makes from
     * {@code args}; answers the root, or breaks with a {@link dev.erg.confine.VatMaker} problem.
     */
    Promise<Object> spawnMaker(String maker, List<Object> args);
}
