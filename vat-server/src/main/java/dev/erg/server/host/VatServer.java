package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Listener;
import dev.erg.net.Node;
import dev.erg.net.VatLocator;
import dev.erg.net.PeerListener;
import dev.erg.server.admin.Admin;
import dev.erg.crypto.VatId;
import dev.erg.server.cluster.ClusterMember;
import dev.erg.server.cluster.LocationCache;
import dev.erg.server.cluster.LoadSampler;
import dev.erg.server.config.ClusterConfig;
import dev.erg.server.config.ServerConfig;
import dev.erg.server.config.ServiceSpec;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Storage;
import dev.erg.server.inspect.InspectedVat;
import dev.erg.server.inspect.Inspector;
import dev.erg.server.inspect.InspectorEndpoint;
import dev.erg.server.metrics.MetricsEndpoint;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.server.otel.OtlpConfig;
import dev.erg.server.otel.OtlpExport;
import dev.erg.server.store.AtomicFiles;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.DirLock;
import dev.erg.server.store.SturdyStore;
import dev.erg.server.spawn.SpawnLimits;
import dev.erg.server.spawn.SpawnPolicy;
import dev.erg.server.worker.WorkerLimits;
import dev.erg.server.worker.WorkerStatus;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running vat-server: one node listening on CapTP, the configured services each in a vat of
 * its own, their sturdy refs reinstated from the data directory, and an {@link Admin} object
 * whose sturdy ref is written to {@code admin.ref} for the command line.
 *
 * <p>Starting checks everything that can be wrong (lock, configuration, key, sturdy refs,
 * ports, services) before it writes anything; a failed start undoes what it began and leaves
 * the data directory as it found it, except that a start that got as far as opening the
 * durable store is counted in its generation. The CapTP port is bound from the start, but a
 * dialer is turned away, as by a server that does not host the vat, until every sturdy ref is
 * served: never told that a ref designates nothing. {@link #close()} stops in order: the outbox
 * stops sending durable letters (they stay stored); every session is aborted with
 * {@link #SHUTDOWN_REASON}, so peers learn why their references broke, and no more messages
 * come in; the listener closes; the vats finish the turn they are running (a
 * turn is never cut in half) while their queued turns break; then the admin ref is removed and
 * the lock released.
 */
public final class VatServer implements AutoCloseable {

    /** The abort reason peers are sent when the server stops. */
    public static final String SHUTDOWN_REASON = "shutdown: the vat-server is shutting down";

    private static final Logger LOG = LoggerFactory.getLogger(VatServer.class);
    /** The class-data sharing archive of worker processes, in the data directory; made by the first worker. */
    private static final String WORKER_ARCHIVE = "worker.jsa";
    /** Where the services of placed vats keep files, one directory per vat, in the data directory. */
    private static final String PLACED_DIRECTORY = "placed";

    private final DataDir dir;
    private final Deque<AutoCloseable> resources;
    private final Node node;
    private final InetSocketAddress address;
    private final List<HostedService> services;
    private final SturdyRef adminRef;
    private final Optional<MetricsEndpoint> endpoint;
    private final Optional<InspectorEndpoint> inspector;
    private final Optional<OcapnListener> ocapn;
    private final DurableHost durables;
    private final Optional<ClusterMember> cluster;
    private final Optional<PlacedVats> placed;
    private final CountDownLatch stopRequested;
    private final ServerVatHost host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VatServer(DataDir dir, Deque<AutoCloseable> resources, Node node, InetSocketAddress address,
                      List<HostedService> services, SturdyRef adminRef, Optional<MetricsEndpoint> endpoint,
                      Optional<InspectorEndpoint> inspector, Optional<OcapnListener> ocapn, DurableHost durables,
                      Optional<ClusterMember> cluster, Optional<PlacedVats> placed, CountDownLatch stopRequested,
                      ServerVatHost host) {
        this.host = host;
        this.placed = placed;
        this.cluster = cluster;
        this.dir = dir;
        this.resources = resources;
        this.node = node;
        this.address = address;
        this.services = List.copyOf(services);
        this.adminRef = adminRef;
        this.endpoint = endpoint;
        this.inspector = inspector;
        this.ocapn = ocapn;
        this.durables = durables;
        this.stopRequested = stopRequested;
    }

    /**
     * Starts the server of {@code dir}, whose key is decrypted with {@code passphrase} (null
     * if it has none), hosting services made by the makers of {@code makers}.
     *
     * @throws SetupException saying what to fix; nothing is left running and nothing on disk changed
     */
    public static VatServer start(DataDir dir, char[] passphrase, ServiceRegistry makers) throws SetupException {
        return start(dir, passphrase, makers, System.getenv());
    }

    /**
     * As {@link #start(DataDir, char[], ServiceRegistry)}, reading the cluster key, when the
     * configuration names no key file, from {@code environment}.
     */
    public static VatServer start(DataDir dir, char[] passphrase, ServiceRegistry makers, Map<String, String> environment)
            throws SetupException {
        DirLock lock = dir.tryLock().orElseThrow(() -> new SetupException(dir.root()
                + " is in use by a running vat-server; stop it first, or ask it with `vat-server status --data "
                + dir.root() + "`"));
        lock.stalePid().ifPresent(pid -> LOG.warn("the last vat-server on {} (pid {}) ended without stopping"
                + " (killed, or crashed); starting anyway", dir.root(), pid));
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(lock);
        try {
            return start(dir, passphrase, makers, environment, opened);
        } catch (SetupException | RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private static VatServer start(DataDir dir, char[] passphrase, ServiceRegistry makers, Map<String, String> environment,
                                   Deque<AutoCloseable> opened) throws SetupException {
        ServerConfig config = dir.config(makers.names());
        VatIdentity identity = dir.identity(passphrase);
        SturdyStore store = dir.sturdyRefs();

        ServerMetrics metrics = new ServerMetrics();
        VatRuntime.Builder builder = VatRuntime.builder().observer(metrics);
        config.threads().ifPresent(builder::threads);
        Optional<OtlpExport> otlp = OtlpConfig.from(environment).map(otlpConfig -> OtlpExport.start(otlpConfig, metrics));
        otlp.ifPresent(opened::push);
        TraceSetup.configure(builder, environment, otlp, opened);
        VatRuntime runtime = builder.build();
        opened.push(runtime);
        PassableRegistry registry = ServerSetup.registry(config, makers);
        LocationCache locations = new LocationCache(identity.vatId().toString());
        Listener listener = ServerSetup.listen(identity, NetConfig.defaults().withAdmission(config.admission()),
                config.cluster().isPresent() ? locations : VatLocator.none(), config.listen(), dir);
        opened.push(listener);
        Node node = Node.start(identity, runtime, registry, listener);
        opened.push(node);
        // Until every sturdy ref is served, a dialer is turned away as by a server that does
        // not host the vat, never told that a ref designates nothing.
        listener.detach(node);
        InetSocketAddress bound = listener.address();
        List<InetSocketAddress> hints = config.advertise().isEmpty()
                ? List.of(InetSocketAddress.createUnresolved(bound.getHostString(), bound.getPort()))
                : config.advertise();
        metrics.trackSessions(node::sessionCount, runtime::vatCount);
        metrics.trackPeers(node::peers);
        Optional<MetricsEndpoint> endpoint = Optional.empty();
        if (config.metrics().isPresent()) {
            MetricsEndpoint started = MetricsEndpoint.start(metrics, config.metrics().getAsInt());
            opened.push(started);
            endpoint = Optional.of(started);
        }

        DurableHost durables = ServerSetup.openDurables(dir, config);
        opened.push(durables);
        metrics.trackDurables(durables);
        Map<String, Tenant> tenants = new LinkedHashMap<>();
        NodeNetwork network = new NodeNetwork(node, hints);
        SpawnLimits spawn = config.spawn();
        ServerVatHost host = new ServerVatHost(runtime, metrics, node,
                WorkerLimits.defaults().withHeap(spawn.workerHeapMegabytes()).withCpu(spawn.workerCpu())
                        .withCdsArchive(dir.root().resolve(WORKER_ARCHIVE)).withSpare(true),
                new SpawnPolicy(spawn, config.spawnMaxima()));
        opened.push(host);
        for (ServiceSpec spec : config.services()) {
            Vat vat = runtime.newVat(spec.name());
            metrics.track(vat, spec.name());
            tenants.put(spec.name(),
                    new Tenant(spec, vat, ServiceSetup.make(makers, spec, vat, dir, network, durables, host)));
        }
        Map<String, Long> unbound = durables.unboundKinds();
        if (!unbound.isEmpty()) {
            throw new SetupException("the durable store holds objects of kinds no configured service offers: "
                    + unbound.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining(", "))
                    + "; configure the services that make them, or restore their code");
        }

        Optional<ClusterMember> cluster = Optional.empty();
        Optional<PlacedVats> placed = Optional.empty();
        if (config.cluster().isPresent()) {
            ClusterConfig clusterConfig = config.cluster().get();
            AtomicReference<PlacedVats> placedTurns = new AtomicReference<>();
            LoadSampler load = new LoadSampler(() -> tenants.values().stream().mapToLong(t -> metrics.turns(t.vat())).sum()
                    + (placedTurns.get() == null ? 0 : placedTurns.get().turns()), runtime::vatCount);
            ClusterMember member = ServerSetup.joinCluster(clusterConfig, environment, node.vatId(), hints, load, locations);
            opened.push(member);
            cluster = Optional.of(member);
            PlacedVats.Env env = new PlacedVats.Env(runtime, registry, listener,
                    new Storage(clusterConfig.store(), clusterConfig.user(), clusterConfig.password()), config.commitBatch(),
                    hints, dir.root().resolve(PLACED_DIRECTORY), host);
            PlacedVats vats = new PlacedVats(env, name -> config.service(name).flatMap(spec -> makers.maker(spec.maker())),
                    member, Rebalancing.of(clusterConfig, member.serverId(), member.directory()));
            opened.push(vats);
            placedTurns.set(vats);
            placed = Optional.of(vats);
        }

        Optional<InspectorEndpoint> inspector = Optional.empty();
        if (config.inspector().isPresent()) {
            InspectorEndpoint started = InspectorEndpoint.start(new Inspector(node.vatId().toString(),
                    bound.getHostString() + ":" + bound.getPort(),
                    tenants.values().stream().map(t -> new InspectedVat(t.spec().name(), t.spec().maker(), t.vat())).toList(),
                    metrics, node::peers, durables), config.inspector().getAsInt());
            opened.push(started);
            inspector = Optional.of(started);
        }

        Optional<OcapnListener> ocapn = Optional.empty();
        if (config.ocapn().isPresent()) {
            OcapnListener started = OcapnListener.start(config.ocapn().get(), runtime, registry);
            opened.push(started);
            ocapn = Optional.of(started);
        }

        // Everything that can fail has been checked: from here on the data directory changes.
        LiveAccess access = new LiveAccess(runtime);
        List<HostedService> hosted = ServiceSetup.reinstate(node, hints, store, tenants, access);
        Vat adminVat = runtime.newVat("admin");
        CountDownLatch stopRequested = new CountDownLatch(1);
        AdminService service = new AdminService(node, hints, store, tenants, metrics,
                bound.getHostString() + ":" + bound.getPort(), durables, host, access, cluster,
                cluster.map(member -> new ClusterControl(member, new ServerChoice(config.cluster().orElseThrow()),
                        tenants.keySet(), config.cluster().orElseThrow().heartbeat())),
                stopRequested::countDown);
        SwissNumber adminSwiss = SwissNumber.random(new SecureRandom());
        service.ownSwiss(adminSwiss);
        SturdyRef adminRef = new SturdyRef(node.vatId(), hints, adminSwiss);
        node.reinstate(adminRef, adminVat.export(service, Admin.class));
        node.onSessionLost(adminVat.export((peer, why) -> metrics.sessionLost(), PeerListener.class));
        durables.attach(node, hints, runtime.newVat("mailbox"), runtime.newVat("outbox"));
        // Only now, with every sturdy ref served, may dialers get in: before, they were turned away, not told NotFound.
        listener.attach(node);
        try {
            AtomicFiles.write(dir.adminRefFile(), adminRef + "\n");
        } catch (IOException e) {
            throw new SetupException("cannot write " + dir.adminRefFile() + ": " + e.getMessage(), e);
        }
        if (inspector.isPresent()) {
            try {
                AtomicFiles.write(dir.inspectorUrlFile(), inspector.get().url() + "\n");
            } catch (IOException e) {
                throw new SetupException("cannot write " + dir.inspectorUrlFile() + ": " + e.getMessage(), e);
            }
            // The port only: the URL is a capability, given by `vat-server inspector-url`, never logged.
            LOG.info("inspector on 127.0.0.1:{}", inspector.get().port());
        }
        ocapn.ifPresent(o -> LOG.info("OCapN on {}{}", o.locator(),
                config.ocapn().orElseThrow().interop() ? ", hosting the OCapN test suite's objects" : ""));
        LOG.info("vat {} listening on {}:{}, hosting {}", node.vatId(), bound.getHostString(), bound.getPort(),
                tenants.isEmpty() ? "no services" : String.join(", ", tenants.keySet()));
        if (cluster.isPresent()) {
            ClusterMember member = cluster.get();
            PlacedVats vats = placed.orElseThrow();
            member.onRefresh(() -> vats.follow(member.cache()));
            member.onLeaseLost(() -> vats.stopAll("unavailable: this server lost its cluster lease"));
            member.activate();
        }
        return new VatServer(dir, opened, node, bound, hosted, adminRef, endpoint, inspector, ocapn, durables, cluster,
                placed, stopRequested, host);
    }

    /** The services hosted, in configuration order. */
    public List<HostedService> services() {
        return services;
    }

    /** The sturdy ref of the admin object, new at each start. */
    public SturdyRef adminRef() {
        return adminRef;
    }

    /** Where CapTP listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** The port serving metrics, if configured. */
    public Optional<Integer> metricsPort() {
        return endpoint.map(MetricsEndpoint::port);
    }

    /** The {@code ocapn://} locator of the OCapN listener, if configured ({@code ocapn.listen}). */
    public Optional<String> ocapnLocator() {
        return ocapn.map(OcapnListener::locator);
    }

    /** The capability URL of the inspector page, if configured ({@code inspector.port}): whoever has it may look. */
    public Optional<String> inspectorUrl() {
        return inspector.map(InspectorEndpoint::url);
    }

    /** The server's durable objects, outbox and mailbox: their generation, outboxes and alarms. */
    public DurableHost durables() {
        return durables;
    }

    /** The worker processes the server runs, and those that ended lately, with why they ended. */
    public List<WorkerStatus> workers() {
        return host.workerStatuses();
    }

    /** The placed vats this server hosts now, from the cluster's directory; none when it is not a cluster member. */
    public List<VatId> placedVats() {
        return placed.map(vats -> vats.hosted().stream().map(v -> v.placement().vat()).toList()).orElse(List.of());
    }

    /** The number of live CapTP sessions. */
    public int sessionCount() {
        return node.sessionCount();
    }

    /** Wakes {@link #awaitStopRequest}: what SIGTERM, or a client through {@link Admin#stop}, asks of the server. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Blocks until someone asks the server to stop ({@link #requestStop}); stopping is then {@link #close}'s. */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /** Stops the server, in the order the class comment gives. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down");
        // Leaving first lets the live members take this server's vats while it stops.
        cluster.ifPresent(member -> {
            resources.remove(member);
            member.close();
        });
        placed.ifPresent(vats -> {
            resources.remove(vats);
            vats.close();
        });
        endpoint.ifPresent(e -> {
            resources.remove(e);
            e.close();
        });
        inspector.ifPresent(e -> {
            resources.remove(e);
            e.close();
        });
        durables.stopDelivering();
        resources.remove(node);
        node.close(SHUTDOWN_REASON);
        try {
            Files.deleteIfExists(dir.adminRefFile());
            Files.deleteIfExists(dir.inspectorUrlFile());
        } catch (IOException e) {
            LOG.warn("cannot remove {} or {}: {}", dir.adminRefFile(), dir.inspectorUrlFile(), e.getMessage());
        }
        closeAll(resources);
        LOG.info("stopped");
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("while stopping, {} failed to close: {}", resource, e.toString());
            }
        }
    }
}
