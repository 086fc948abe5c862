package dev.erg.server.spi;

import dev.erg.server.spawn.ConfinedVats;
import dev.erg.server.spawn.SpawnPolicy;
import dev.erg.server.worker.Workers;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;

/**
 * What a server lends the services that start vats of their own, such as the vat maker: vats
 * in the server's runtime, and worker processes the server supervises and stops with itself,
 * with the limits its configuration sets.
 */
public interface VatHost {

    /** A new vat of the server's runtime, counted in its metrics under {@code name}. */
    Vat newVat(String name);

    /**
     * The server's runtime, for vats that must be made with it, such as confined ones; they are
     * not counted in the server's metrics.
     */
    VatRuntime runtime();

    /** The server's supervisor of worker processes, started on first use. */
    Workers workers();

    /** The confined vats running in the server's process, which its status lists. */
    ConfinedVats confinedVats();

    /** The limits the configuration grants spawned vats ({@code spawn.NAME}), and their maxima. */
    SpawnPolicy spawnPolicy();
}
