package dev.erg.server.spawn;

import dev.erg.confine.ConfinedVat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The confined vats a server runs in its own process, for its status. Thread-safe. */
public final class ConfinedVats {

    private final Queue<ConfinedVat<?>> live = new ConcurrentLinkedQueue<>();

    /** Counts {@code vat} until it is shut down. */
    void add(ConfinedVat<?> vat) {
        live.removeIf(v -> v.vat().isShutDown());
        live.add(vat);
    }

    /** The confined vats still running, oldest first. */
    public List<ConfinedVat<?>> running() {
        live.removeIf(v -> v.vat().isShutDown());
        return List.copyOf(live);
    }
}
