package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatId;
import dev.erg.net.link.Link;
import dev.erg.net.Node;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.ClusterStatus;
import dev.erg.server.admin.ConfinedVatStatus;
import dev.erg.server.admin.MemberListing;
import dev.erg.server.admin.VatPlacement;
import dev.erg.server.cluster.ClusterException;
import dev.erg.server.cluster.ClusterMember;
import dev.erg.server.cluster.Placement;
import dev.erg.server.admin.ServerStatus;
import dev.erg.server.admin.SturdyListing;
import dev.erg.server.admin.VatStatus;
import dev.erg.server.durable.Alarm;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.StoredDataException;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.server.store.SturdyStore;
import dev.erg.server.worker.WorkerStatus;
import dev.erg.vat.Problem;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Admin} of a running server; it lives in the server's admin vat, which is the only
 * place the sturdy refs change while the server runs. Each change is written to disk before
 * it takes effect, so a failed write changes nothing.
 */
final class AdminService implements Admin {

    private static final String STORAGE = "StorageFailure";
    /** The longest {@link #move} waits for a vat to leave its server. */
    private static final long MAX_WAIT_SECONDS = 600;
    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

    private final Node node;
    private final List<InetSocketAddress> hints;
    private final SturdyStore store;
    private final Map<String, Tenant> tenants;
    private final ServerMetrics metrics;
    private final String address;
    private final DurableHost durables;
    private final Optional<ClusterMember> cluster;
    private final Optional<ClusterControl> control;
    private final Runnable stop;
    private final ServerVatHost host;
    private final LiveAccess access;
    private final long startedNanos = System.nanoTime();
    private final SecureRandom random = new SecureRandom();
    private SwissNumber own;

    AdminService(Node node, List<InetSocketAddress> hints, SturdyStore store, Map<String, Tenant> tenants,
                 ServerMetrics metrics, String address, DurableHost durables, ServerVatHost host,
                 LiveAccess access, Optional<ClusterMember> cluster, Optional<ClusterControl> control, Runnable stop) {
        this.host = host;
        this.access = access;
        this.node = node;
        this.hints = List.copyOf(hints);
        this.store = store;
        this.tenants = Map.copyOf(tenants);
        this.metrics = metrics;
        this.address = address;
        this.durables = durables;
        this.cluster = cluster;
        this.control = control;
        this.stop = stop;
    }

    /** Remembers this object's own swiss number, which may not be revoked. */
    void ownSwiss(SwissNumber swiss) {
        this.own = swiss;
    }

    private SturdyRef ref(SwissNumber swiss) {
        return new SturdyRef(node.vatId(), hints, swiss);
    }

    @Override
    public Promise<String> mint(String service) {
        return issue(service, false);
    }

    @Override
    public Promise<String> mintRevocable(String service) {
        return issue(service, true);
    }

    private Promise<String> issue(String service, boolean revocable) {
        Tenant tenant = tenants.get(service);
        if (tenant == null) {
            return Promise.broken(Problem.of(NO_SUCH_SERVICE, "no service called \"%s\" is hosted (hosted: %s)",
                    service, String.join(", ", tenants.keySet().stream().sorted().toList())));
        }
        SturdyStore.Entry entry = new SturdyStore.Entry(SwissNumber.random(random), service, revocable);
        Object served;
        try {
            served = access.serve(entry, tenant);
        } catch (IllegalArgumentException e) {
            return Promise.broken(Problem.of(NOT_REVOCABLE, "service \"%s\" cannot be served through a membrane: %s",
                    service, e.getMessage()));
        }
        try {
            store.add(entry);
        } catch (UncheckedIOException e) {
            access.cut(entry.swiss(), "its sturdy ref could not be stored");
            return Promise.broken(Problem.of(STORAGE, "%s", e.getMessage()));
        }
        SturdyRef ref = ref(entry.swiss());
        node.reinstate(ref, served);
        return Promise.of(ref.toString());
    }

    @Override
    public Promise<List<SturdyListing>> list() {
        return Promise.of(store.entries().stream()
                .map(e -> new SturdyListing(e.service(), ref(e.swiss()).toString(), e.revocable()))
                .toList());
    }

    @Override
    public Promise<Boolean> revoke(String sturdyRef) {
        return revoke(sturdyRef, false);
    }

    @Override
    public Promise<Boolean> revokeLive(String sturdyRef) {
        return revoke(sturdyRef, true);
    }

    private Promise<Boolean> revoke(String sturdyRef, boolean live) {
        SturdyRef ref;
        try {
            ref = SturdyRef.parse(sturdyRef);
        } catch (IllegalArgumentException e) {
            return Promise.broken(Problem.of(BAD_STURDY_REF, "%s", e.getMessage()));
        }
        VatId self = node.vatId();
        if (!ref.vatId().equals(self)) {
            return Promise.broken(Problem.of(BAD_STURDY_REF, "the sturdy ref names vat %s, not this server's (%s)",
                    ref.vatId(), self));
        }
        if (ref.swiss().equals(own)) {
            return Promise.broken(Problem.of(BAD_STURDY_REF, "the admin object's own sturdy ref cannot be revoked;"
                    + " it is replaced at each start"));
        }
        if (live && store.find(ref.swiss()).filter(SturdyStore.Entry::revocable).isEmpty()) {
            return Promise.broken(Problem.of(NOT_REVOCABLE, "the sturdy ref was not minted revocable, so the references"
                    + " obtained through it reach the service directly and cannot be cut; it is still in force"
                    + " (revoke it without cutting live references, or mint revocable refs to hand out)"));
        }
        SturdyStore.Entry removed;
        try {
            removed = store.remove(ref.swiss());
        } catch (UncheckedIOException e) {
            return Promise.broken(Problem.of(STORAGE, "%s", e.getMessage()));
        }
        node.revoke(ref);
        if (live) {
            access.cut(ref.swiss(), "the sturdy ref they were obtained through was revoked");
        }
        return Promise.of(removed != null);
    }

    @Override
    public Promise<Long> resumeOutbox(String vatId) {
        try {
            return Promise.of((long) durables.resumeOutbox(vatId));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Promise.broken(Problem.of(NO_STOPPED_OUTBOX, "%s", e.getMessage()));
        } catch (StoredDataException e) {
            return Promise.broken(Problem.of(STORAGE, "%s", e.getMessage()));
        }
    }

    @Override
    public Promise<List<Alarm>> alarms(boolean acknowledgedToo) {
        try {
            return Promise.of(durables.alarmList(acknowledgedToo));
        } catch (StoredDataException | IllegalStateException e) {
            return Promise.broken(Problem.of(STORAGE, "%s", e.getMessage()));
        }
    }

    @Override
    public Promise<Boolean> acknowledgeAlarm(long id) {
        try {
            return Promise.of(durables.acknowledgeAlarm(id));
        } catch (StoredDataException | IllegalStateException e) {
            return Promise.broken(Problem.of(STORAGE, "%s", e.getMessage()));
        }
    }

    @Override
    public Promise<ClusterStatus> cluster() {
        if (cluster.isEmpty()) {
            return Promise.broken(Problem.of(NO_CLUSTER, "this vat-server is not a member of a cluster: its configuration"
                    + " sets no cluster.store"));
        }
        try {
            List<MemberListing> members = cluster.get().members().stream()
                    .map(m -> new MemberListing(m.serverId(), m.hints(), m.state().name().toLowerCase(Locale.ROOT),
                            m.leaseLeftMillis(), m.load().turnsPerSecond(), m.load().cpuShare(), m.load().vatCount(), m.price()))
                    .toList();
            List<VatPlacement> vats = cluster.get().directory().all().stream().map(AdminService::placement).toList();
            return Promise.of(new ClusterStatus(node.vatId().toString(), members, vats));
        } catch (ClusterException e) {
            return Promise.broken(Problem.of(CLUSTER_UNAVAILABLE, "%s", e.getMessage()));
        }
    }

    @Override
    public Promise<String> place(String service, String server) {
        if (control.isEmpty()) {
            return Promise.broken(Problem.of(NO_CLUSTER, "this vat-server is not a member of a cluster: its configuration"
                    + " sets no cluster.store"));
        }
        SturdyRef spawned;
        try {
            spawned = control.get().spawn(service, server);
        } catch (IllegalArgumentException e) {
            return Promise.broken(Problem.of(CANNOT_PLACE, "%s", e.getMessage()));
        } catch (ClusterException e) {
            return Promise.broken(Problem.of(CLUSTER_UNAVAILABLE, "%s", e.getMessage()));
        }
        Deferred<String> answer = Promise.defer();
        Duration wait = control.get().runningWait();
        long deadline = System.nanoTime() + wait.toNanos();
        Thread.ofVirtual().name("erg-place-" + spawned.vatId()).start(() -> {
            try {
                if (control.get().awaitRunning(spawned.vatId(), deadline)) {
                    answer.resolver().resolve(spawned.toString());
                } else {
                    answer.resolver().reject(Problem.of(CANNOT_PLACE, "vat %s is placed, but its server has not reported"
                            + " it running within %d heartbeats (%d ms); the directory still places it there",
                            spawned.vatId(), ClusterControl.HEARTBEATS_TO_RUN, wait.toMillis()));
                }
            } catch (InterruptedException e) {
                answer.resolver().reject(Problem.of(CLUSTER_UNAVAILABLE, "interrupted while waiting for vat %s to run",
                        spawned.vatId()));
            } catch (RuntimeException e) {
                answer.resolver().reject(Problem.of(CLUSTER_UNAVAILABLE, "%s", e.getMessage()));
            }
        });
        return answer.promise();
    }

    @Override
    public Promise<VatPlacement> move(String vatId, String server, long waitSeconds) {
        if (control.isEmpty()) {
            return Promise.broken(Problem.of(NO_CLUSTER, "this vat-server is not a member of a cluster: its configuration"
                    + " sets no cluster.store"));
        }
        Placement moving;
        VatId vat;
        try {
            vat = VatId.parse(vatId);
            moving = control.get().move(vat, server);
        } catch (IllegalArgumentException e) {
            return Promise.broken(Problem.of(CANNOT_PLACE, "%s", e.getMessage()));
        } catch (ClusterException e) {
            return Promise.broken(Problem.of(CLUSTER_UNAVAILABLE, "%s", e.getMessage()));
        }
        if (waitSeconds <= 0) {
            return Promise.of(placement(moving));
        }
        Deferred<VatPlacement> answer = Promise.defer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(waitSeconds, MAX_WAIT_SECONDS));
        Thread.ofVirtual().name("erg-move-" + vatId).start(() -> {
            try {
                answer.resolver().resolve(control.get().awaitMoved(vat, moving.serverId(), deadline)
                        .map(AdminService::placement).orElseThrow());
            } catch (InterruptedException e) {
                answer.resolver().reject(Problem.of(CLUSTER_UNAVAILABLE, "interrupted while waiting for the move"));
            } catch (RuntimeException e) {
                answer.resolver().reject(Problem.of(CLUSTER_UNAVAILABLE, "%s", e.getMessage()));
            }
        });
        return answer.promise();
    }

    private static VatPlacement placement(Placement p) {
        return new VatPlacement(p.vat().toString(), p.serverId(), p.epoch(), p.state().name().toLowerCase(Locale.ROOT),
                p.service(), p.target(), p.load());
    }

    @Override
    public Promise<Void> stop() {
        LOG.info("asked to stop through the admin object");
        stop.run();
        return Promise.of(null);
    }

    @Override
    public Promise<ServerStatus> status() {
        List<VatStatus> vats = tenants.values().stream()
                .sorted((a, b) -> Integer.compare(a.spec().line(), b.spec().line()))
                .map(t -> new VatStatus(t.spec().name(), t.spec().maker(), metrics.queueDepth(t.vat()),
                        metrics.turns(t.vat()), metrics.messages(t.vat())))
                .toList();
        long uptime = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        List<ConfinedVatStatus> confined = host.confinedVats().running().stream()
                .map(v -> new ConfinedVatStatus(v.vat().name(), v.used(), v.limits().perVat(), v.limits().perTurn(),
                        v.pending()))
                .toList();
        List<WorkerStatus> workers = host.workerStatuses();
        return durables.outboxes().then(outboxes -> new ServerStatus(node.vatId().toString(), address, uptime,
                node.sessionCount(), Link.messagesSent(), vats, durables.generation(), durables.turns(), outboxes,
                durables.alarms(), durables.store().describe(), workers, confined));
    }
}
