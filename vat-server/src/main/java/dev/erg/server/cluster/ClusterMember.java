package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import dev.erg.server.config.ClusterConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server's part in its cluster: it joins at start, renews its lease and posts its
 * load, and the price per turn that load sets ({@link ClusterConfig#postedPrice}), at every heartbeat on a thread of its own, takes the vats of dead members for the live
 * ones, reads the directory and the live members into its {@link LocationCache} and tells the
 * server so (which then hosts the vats placed on it), and leaves when the server stops. A heartbeat that fails is logged when the failures
 * begin and when they end, not at each beat; a lease that was lost is joined again, as a new
 * incarnation.
 */
public final class ClusterMember implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    private final ClusterConfig config;
    private final ClusterStore store;
    private final ClusterKey key;
    private final Directory directory;
    private final VatId serverId;
    private final List<String> hints;
    private final LoadSampler load;
    private final LocationCache cache;
    private final ScheduledExecutorService beat;
    private volatile Runnable refreshed = () -> { };
    private volatile Runnable leaseLost = () -> { };
    private long renewedNanos = System.nanoTime();
    private boolean lost;
    private ScheduledFuture<?> beating;
    private Membership membership;
    private boolean active;
    private String failing;

    private ClusterMember(ClusterConfig config, ClusterStore store, ClusterKey key, VatId serverId, List<String> hints,
                          LoadSampler load, LocationCache cache) {
        this.config = config;
        this.store = store;
        this.key = key;
        this.directory = new Directory(store, key);
        this.serverId = serverId;
        this.hints = List.copyOf(hints);
        this.load = load;
        this.cache = cache;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("erg-cluster-heartbeat").unstarted(r));
    }

    /**
     * Joins the cluster of {@code config} as server {@code serverId}, reached at {@code hints},
     * with the cluster key of its key file or of {@code environment}, and starts the heartbeat,
     * which keeps {@code cache} up to date.
     * A former run of this server whose lease still holds (one that crashed) is waited for, once.
     *
     * @throws ClusterException saying what is wrong: the key, the database, or a live member of this id
     */
    public static ClusterMember start(ClusterConfig config, Map<String, String> environment, VatId serverId,
                                      List<String> hints, LoadSampler load, LocationCache cache)
            throws InterruptedException {
        ClusterKey key = ClusterKey.load(config.keyFile(), environment);
        ClusterStore store = ClusterStore.open(config.store(), config.user(), config.password());
        ClusterMember member = new ClusterMember(config, store, key, serverId, hints, load, cache);
        try {
            member.membership = member.join();
        } catch (LiveMemberException e) {
            LOG.warn("{}; waiting {} ms for its lease to end", e.getMessage(), e.leaseLeftMillis());
            Thread.sleep(e.leaseLeftMillis() + 50);
            try {
                member.membership = member.join();
            } catch (RuntimeException again) {
                store.close();
                throw again;
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        long period = config.heartbeat().toMillis();
        member.beating = member.beat.scheduleWithFixedDelay(member::beat, period, period, TimeUnit.MILLISECONDS);
        return member;
    }

    private Membership join() {
        return Membership.join(store, key, serverId, hints, config.lease(), Load.NONE, config.postedPrice(0));
    }

    /** Says the server serves now: it may be given vats, and it takes those of dead members. */
    public void activate() {
        runOnBeat(() -> {
            Load now = load.sample();
            membership.activate(now, config.postedPrice(now.turnsPerSecond()));
            active = true;
        });
    }

    /** The cluster's directory, with this member's cluster key. */
    public Directory directory() {
        return directory;
    }

    /** The directory and live members as the last heartbeat read them. */
    public LocationCache cache() {
        return cache;
    }

    /** This member's id: its host vat's id. */
    public String serverId() {
        return serverId.toString();
    }

    /** Runs {@code listener} after each refresh of the {@link #cache}, on the heartbeat's thread: it must not block. */
    public void onRefresh(Runnable listener) {
        refreshed = listener;
    }

    /**
     * Runs {@code listener}, on the heartbeat's thread, when heartbeats have failed for a whole
     * lease by this server's clock: the other members may count it dead and take its vats, so
     * it must stop serving them before they do. It runs once per loss; a later heartbeat that
     * works joins again.
     */
    public void onLeaseLost(Runnable listener) {
        leaseLost = listener;
    }

    /** Reads the directory and the live members into the cache now, rather than at the next heartbeat, and waits. */
    public void refresh() {
        runOnBeat(this::readCache);
    }

    private void readCache() {
        cache.update(directory.all(), Membership.live(store));
        refreshed.run();
    }

    /** Every member, dead ones included. */
    public List<Member> members() {
        return Membership.all(store);
    }

    /** One heartbeat: renew, rejoin if the lease was lost, then take the vats of dead members. */
    private void beat() {
        try {
            Load now = load.sample();
            double price = config.postedPrice(now.turnsPerSecond());
            try {
                if (active) {
                    membership.activate(now, price);
                } else {
                    membership.heartbeat(now, price);
                }
            } catch (LeaseLostException e) {
                LOG.error("{}; joining again", e.getMessage());
                loseLease();
                membership = join();
                if (active) {
                    membership.activate(now, price);
                }
            }
            renewedNanos = System.nanoTime();
            lost = false;
            if (active) {
                for (Placement taken : directory.takeOver(Successor.fewestVats())) {
                    LOG.info("vat {} of a dead member placed on server {} at epoch {}", taken.vat(), taken.serverId(),
                            taken.epoch());
                }
            }
            readCache();
            if (failing != null) {
                LOG.info("cluster heartbeat works again after: {}", failing);
                failing = null;
            }
        } catch (RuntimeException e) {
            if (failing == null) {
                LOG.warn("cluster heartbeat failed, trying again every {} ms: {}", config.heartbeat().toMillis(),
                        e.getMessage());
            }
            failing = e.getMessage();
            // A margin of one heartbeat under the lease: the database's clock may run ahead of this one.
            if (System.nanoTime() - renewedNanos > config.lease().minus(config.heartbeat()).toNanos()) {
                loseLease();
            }
        }
    }

    private void loseLease() {
        if (!lost) {
            lost = true;
            LOG.error("this server's cluster lease has run out: it stops serving its placed vats, which the live"
                    + " members take");
            leaseLost.run();
        }
    }

    /** Runs {@code work} on the heartbeat's thread, which alone touches the membership, and waits for it. */
    private void runOnBeat(Runnable work) {
        try {
            beat.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while talking to the cluster", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ClusterException(e.getCause().toString(), e.getCause());
        }
    }

    /** Leaves the cluster: its row goes, so the live members take its vats at their next heartbeat. */
    @Override
    public void close() {
        if (beat.isShutdown()) {
            return;
        }
        try {
            // On the heartbeat's thread, so no heartbeat comes after the departure to join again.
            runOnBeat(() -> {
                beating.cancel(false);
                membership.depart();
            });
        } catch (RuntimeException e) {
            LOG.warn("could not leave the cluster; its lease ends on its own: {}", e.getMessage());
        } finally {
            beat.shutdownNow();
            store.close();
        }
    }
}
