package dev.erg.server.host;

import dev.erg.net.Node;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.server.spi.VatHost;
import dev.erg.server.spawn.ConfinedVats;
import dev.erg.server.spawn.SpawnPolicy;
import dev.erg.server.worker.WorkerLimits;
import dev.erg.server.worker.WorkerStatus;
import dev.erg.server.worker.Workers;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.List;

/** The {@link VatHost} of a server: its runtime, its metrics, and workers reached through its node. */
final class ServerVatHost implements VatHost, AutoCloseable {

    private final VatRuntime runtime;
    private final ServerMetrics metrics;
    private final Node node;
    private final WorkerLimits limits;
    private final SpawnPolicy policy;
    private final ConfinedVats confined = new ConfinedVats();
    private Workers workers;

    ServerVatHost(VatRuntime runtime, ServerMetrics metrics, Node node, WorkerLimits limits, SpawnPolicy policy) {
        this.runtime = runtime;
        this.metrics = metrics;
        this.node = node;
        this.limits = limits;
        this.policy = policy;
    }

    @Override
    public ConfinedVats confinedVats() {
        return confined;
    }

    @Override
    public SpawnPolicy spawnPolicy() {
        return policy;
    }

    @Override
    public Vat newVat(String name) {
        Vat vat = runtime.newVat(name);
        metrics.track(vat, name);
        return vat;
    }

    @Override
    public VatRuntime runtime() {
        return runtime;
    }

    @Override
    public synchronized Workers workers() {
        if (workers == null) {
            workers = new Workers(node, limits);
        }
        return workers;
    }

    synchronized List<WorkerStatus> workerStatuses() {
        return workers == null ? List.of() : workers.statuses();
    }

    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
