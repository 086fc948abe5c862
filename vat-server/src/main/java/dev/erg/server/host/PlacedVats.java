package dev.erg.server.host;

import dev.erg.crypto.VatId;
import dev.erg.net.Listener;
import dev.erg.server.cluster.Directory;
import dev.erg.server.cluster.Placement;
import dev.erg.server.durable.Storage;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The placed vats this server hosts, kept in step with the cluster's directory: after each
 * refresh of the directory, the vats it places here are hosted and those it places elsewhere
 * (or at a newer epoch) are stopped, on a thread of their own so the heartbeat never waits.
 * A vat that cannot be hosted yet (its store still held, say) is tried again at the next
 * refresh; its failure is logged when it begins or changes, not at each try.
 */
final class PlacedVats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlacedVats.class);

    /**
     * What every placed vat of this server shares.
     *
     * @param runtime     the runtime their vats run in
     * @param registry    the passable types of their messages
     * @param listener    the listener their nodes accept on
     * @param storage     the cluster's store, where their durable state lives
     * @param commitBatch the most turns committed together
     * @param hints       where this server is reached
     * @param directory   where their services may keep files, one directory per vat
     * @param host        more vats, for their services
     */
    record Env(VatRuntime runtime, PassableRegistry registry, Listener listener, Storage storage, int commitBatch,
               List<InetSocketAddress> hints, Path directory, ServerVatHost host) {
    }

    private final String serverId;
    private final Env env;
    private final Function<String, Optional<ServiceMaker>> makers;
    private final Directory directory;
    private final Map<VatId, PlacedVat> hosted = new ConcurrentHashMap<>();
    private final Map<VatId, String> failures = new HashMap<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong retiredTurns = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("erg-placed-vats").unstarted(r));

    /**
     * The placed vats of server {@code serverId}, whose services are made by the maker that
     * {@code makers} gives for a configured service's name, with keys read from {@code directory}.
     */
    PlacedVats(String serverId, Env env, Function<String, Optional<ServiceMaker>> makers, Directory directory) {
        this.serverId = serverId;
        this.env = env;
        this.makers = makers;
        this.directory = directory;
    }

    /** Brings the hosted vats in step with {@code placements} soon, on this object's thread; several calls may make one. */
    void follow(Supplier<List<Placement>> placements) {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    pending.set(false);
                    reconcile(placements.get());
                });
            } catch (RejectedExecutionException e) {
                // Closing: the vats are being stopped.
                pending.set(false);
            }
        }
    }

    private void reconcile(List<Placement> placements) {
        Map<VatId, Placement> mine = new HashMap<>();
        for (Placement p : placements) {
            if (p.serverId().equals(serverId)) {
                mine.put(p.vat(), p);
            }
        }
        for (PlacedVat vat : List.copyOf(hosted.values())) {
            Placement now = mine.get(vat.placement().vat());
            if (now == null || now.epoch() != vat.placement().epoch()) {
                stop(vat, now == null ? "moved: the vat now lives on another server"
                        : "moved: the vat was placed here again at a newer epoch");
            }
        }
        for (Placement p : mine.values()) {
            if (!hosted.containsKey(p.vat())) {
                host(p);
            }
        }
        failures.keySet().retainAll(mine.keySet());
    }

    private void host(Placement placement) {
        VatId vat = placement.vat();
        try {
            ServiceMaker maker = makers.apply(placement.service()).orElseThrow(() -> new IllegalStateException(
                    "this server configures no service \"" + placement.service() + "\", which the vat runs"));
            PlacedVat started = PlacedVat.start(placement, PlacedKey.of(directory.privateKey(vat)), maker, env);
            hosted.put(vat, started);
            failures.remove(vat);
            LOG.info("hosting placed vat {} ({}) at epoch {}", vat, placement.service(), placement.epoch());
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(failures.put(vat, why))) {
                LOG.warn("cannot host placed vat {} yet, trying again at each heartbeat: {}", vat, why);
            }
        }
    }

    private void stop(PlacedVat vat, String reason) {
        hosted.remove(vat.placement().vat());
        retiredTurns.addAndGet(vat.durables().turns());
        vat.stop(reason);
        LOG.info("stopped hosting placed vat {}: {}", vat.placement().vat(), reason);
    }

    /** The vats hosted now. */
    List<PlacedVat> hosted() {
        return List.copyOf(hosted.values());
    }

    /** The vat {@code vat}, if hosted now. */
    Optional<PlacedVat> hosted(VatId vat) {
        return Optional.ofNullable(hosted.get(vat));
    }

    /** Turns the placed vats have committed here since the server started, those it stopped hosting included. */
    long turns() {
        return retiredTurns.get() + hosted.values().stream().mapToLong(v -> v.durables().turns()).sum();
    }

    /** Stops every hosted vat, after the work under way. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("placed vats still starting after 30 s; stopping them anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PlacedVat vat : List.copyOf(hosted.values())) {
            hosted.remove(vat.placement().vat());
            vat.close();
        }
    }
}
