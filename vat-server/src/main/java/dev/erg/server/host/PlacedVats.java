package dev.erg.server.host;

import dev.erg.crypto.VatId;
import dev.erg.net.Listener;
import dev.erg.server.cluster.ClusterException;
import dev.erg.server.cluster.ClusterMember;
import dev.erg.server.cluster.Directory;
import dev.erg.server.cluster.LocationCache;
import dev.erg.server.cluster.Placement;
import dev.erg.server.cluster.VatState;
import dev.erg.server.durable.Storage;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The placed vats this server hosts, kept in step with the cluster's directory: after each
 * refresh of the directory, the vats it places here are hosted and those it places elsewhere
 * (or at a newer epoch) are stopped, on a thread of their own so the heartbeat never waits.
 * A vat that cannot be hosted yet (its store still held, say) is tried again at the next
 * refresh; its failure is logged when it begins or changes, not at each try.
 *
 * <p>A vat the directory marks as {@link VatState#MOVING moving} from here is handed over:
 * it stops at a turn boundary ({@link PlacedVat#quiesce}), the directory gives it to its
 * target with a raised epoch that fences its durable state here, this server's copy of the
 * directory is read again so that dialers are redirected to the target, and only then do its
 * sessions end, so that their holders dial again and are redirected. If the target cannot
 * take it (it died meanwhile), the move is cancelled and the vat is served here again.
 */
final class PlacedVats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlacedVats.class);
    /** Rebalancing runs at every this many looks at the directory, so loads are measured over several. */
    static final int REBALANCE_EVERY = 5;
    /** The weight of each new measure of a vat's turns per second in its posted load. */
    private static final double SMOOTHING = 0.3;

    /** What a vat's load was measured from last: its turns then, when, and its smoothed rate (-1 before the first). */
    private record Rate(PlacedVat vat, long turns, long nanos, double perSecond) {
    }

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
    private final ClusterMember member;
    private final Directory directory;
    private final Optional<Rebalancing> rebalancing;
    private final Map<VatId, Rate> rates = new HashMap<>();
    private long followed;
    private final Map<VatId, PlacedVat> hosted = new ConcurrentHashMap<>();
    private final Map<VatId, String> failures = new HashMap<>();
    /** Hosted vats whose running this server has yet to report to the directory; this object's thread only. */
    private final Set<VatId> unreported = new HashSet<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong retiredTurns = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("erg-placed-vats").unstarted(r));

    /**
     * The placed vats of server {@code serverId}, whose services are made by the maker that
     * {@code makers} gives for a configured service's name, as the directory of {@code member}
     * places them, with {@code rebalancing} run here if it is configured.
     */
    PlacedVats(Env env, Function<String, Optional<ServiceMaker>> makers, ClusterMember member,
               Optional<Rebalancing> rebalancing) {
        this.rebalancing = rebalancing;
        this.serverId = member.serverId();
        this.env = env;
        this.makers = makers;
        this.member = member;
        this.directory = member.directory();
    }

    /**
     * Brings the hosted vats in step with the directory as {@code cache} holds it soon, on this
     * object's thread, posts their loads, and runs a round of rebalancing every
     * {@value #REBALANCE_EVERY} times; several calls may make one.
     */
    void follow(LocationCache cache) {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    pending.set(false);
                    reconcile(cache.placements());
                    postLoads();
                    rebalancing.ifPresent(r -> {
                        if (++followed % REBALANCE_EVERY == 0) {
                            r.round(cache.placements(), cache.live());
                        }
                    });
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
        Set<VatId> handled = new HashSet<>();
        for (PlacedVat vat : List.copyOf(hosted.values())) {
            Placement now = mine.get(vat.placement().vat());
            handled.add(vat.placement().vat());
            if (now == null || now.epoch() != vat.placement().epoch()) {
                stop(vat, now == null ? "moved: the vat now lives on another server"
                        : "moved: the vat was placed here again at a newer epoch");
            } else if (now.state() == VatState.MOVING) {
                handOver(Optional.of(vat), now);
            }
        }
        for (Placement p : mine.values()) {
            if (handled.contains(p.vat())) {
                continue;
            }
            if (p.state() == VatState.MOVING) {
                handOver(Optional.empty(), p);
            } else {
                host(p);
            }
        }
        failures.keySet().retainAll(mine.keySet());
        unreported.retainAll(hosted.keySet());
        for (VatId vat : List.copyOf(unreported)) {
            reportRunning(hosted.get(vat).placement());
        }
    }

    /** Tells the directory that {@code placement}'s vat runs here, so that whoever placed it is answered. */
    private void reportRunning(Placement placement) {
        try {
            directory.reportRunning(placement.vat(), placement.epoch(), serverId);
            unreported.remove(placement.vat());
        } catch (ClusterException e) {
            unreported.add(placement.vat());
            LOG.debug("cannot report placed vat {} running yet: {}", placement.vat(), e.getMessage());
        }
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
            reportRunning(placement);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(failures.put(vat, why))) {
                LOG.warn("cannot host placed vat {} yet, trying again at each heartbeat: {}", vat, why);
            }
        }
    }

    /** Measures the turns per second of each hosted vat since the last time, smoothed, and posts them. */
    private void postLoads() {
        long now = System.nanoTime();
        Map<VatId, Double> loads = new HashMap<>();
        for (PlacedVat vat : hosted.values()) {
            VatId id = vat.placement().vat();
            long turns = vat.durables().turns();
            Rate last = rates.get(id);
            if (last != null && last.vat() == vat && now > last.nanos()) {
                double measured = (turns - last.turns()) * 1e9 / (now - last.nanos());
                double smoothed = last.perSecond() < 0 ? measured : last.perSecond() + SMOOTHING * (measured - last.perSecond());
                rates.put(id, new Rate(vat, turns, now, smoothed));
                loads.put(id, smoothed);
            } else {
                rates.put(id, new Rate(vat, turns, now, -1));
            }
        }
        rates.keySet().retainAll(hosted.keySet());
        try {
            directory.postLoads(serverId, loads);
        } catch (ClusterException e) {
            LOG.debug("cannot post the loads of the placed vats: {}", e.getMessage());
        }
    }

    /** Hands {@code moving} over to its target, stopping {@code vat} first if this server hosts it. */
    private void handOver(Optional<PlacedVat> vat, Placement moving) {
        VatId id = moving.vat();
        vat.ifPresent(v -> {
            hosted.remove(id);
            retiredTurns.addAndGet(v.durables().turns());
            v.quiesce();
        });
        String why = "moved: vat " + id + " now lives on server " + moving.target();
        try {
            Placement moved = directory.move(id, moving.epoch(), moving.target());
            LOG.info("handed placed vat {} over to server {} at epoch {}", id, moved.serverId(), moved.epoch());
        } catch (ClusterException e) {
            why = "moved: vat " + id + " could not move, and is served here again";
            LOG.warn("cannot hand placed vat {} over to server {}, serving it here again: {}", id, moving.target(),
                    e.getMessage());
            try {
                directory.cancelMove(id, moving.epoch());
            } catch (ClusterException again) {
                LOG.warn("cannot cancel the move of placed vat {}: {}", id, again.getMessage());
            }
        }
        try {
            member.refresh();
        } catch (ClusterException e) {
            LOG.warn("cannot read the directory after handing placed vat {} over: {}", id, e.getMessage());
        }
        String reason = why;
        vat.ifPresent(v -> v.end(reason));
    }

    private void stop(PlacedVat vat, String reason) {
        hosted.remove(vat.placement().vat());
        retiredTurns.addAndGet(vat.durables().turns());
        vat.stop(reason);
        LOG.info("stopped hosting placed vat {}: {}", vat.placement().vat(), reason);
    }

    /**
     * Stops every hosted vat soon, on this object's thread, its sessions ending with
     * {@code reason}: the server lost its lease, and another may be serving them already.
     * Those the directory still places here are hosted again at the next refresh.
     */
    void stopAll(String reason) {
        try {
            worker.execute(() -> List.copyOf(hosted.values()).forEach(vat -> stop(vat, reason)));
        } catch (RejectedExecutionException e) {
            // Closing: the vats are being stopped.
        }
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
