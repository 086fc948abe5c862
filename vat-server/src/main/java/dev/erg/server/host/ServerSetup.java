package dev.erg.server.host;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.Listener;
import dev.erg.net.NetConfig;
import dev.erg.net.VatLocator;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.cluster.ClusterException;
import dev.erg.server.cluster.ClusterMember;
import dev.erg.server.cluster.LoadSampler;
import dev.erg.server.cluster.LocationCache;
import dev.erg.server.config.ClusterConfig;
import dev.erg.server.config.ServerConfig;
import dev.erg.server.config.ServiceSpec;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Mailbox;
import dev.erg.server.durable.Storage;
import dev.erg.server.durable.StoredDataException;
import dev.erg.server.store.DataDir;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of a server's start that open what it runs on, each failure told as a {@link SetupException} saying what to fix. */
final class ServerSetup {

    private ServerSetup() {
    }

    static PassableRegistry registry(ServerConfig config, ServiceRegistry makers) throws SetupException {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        AdminProtocol.PASSABLES.forEach(registry::add);
        Mailbox.PASSABLES.forEach(registry::add);
        List<String> used = new ArrayList<>();
        for (ServiceSpec spec : config.services()) {
            if (!used.contains(spec.maker())) {
                used.add(spec.maker());
                makers.maker(spec.maker()).orElseThrow().passables().forEach(registry::add);
            }
        }
        try {
            return registry.build();
        } catch (IllegalArgumentException e) {
            throw new SetupException("the services' passable types clash: " + e.getMessage(), e);
        }
    }

    static Listener listen(VatIdentity identity, NetConfig net, VatLocator locator, InetSocketAddress listen,
                                   DataDir dir) throws SetupException {
        String where = listen.getHostString() + ":" + listen.getPort();
        InetSocketAddress resolved = new InetSocketAddress(listen.getHostString(), listen.getPort());
        if (resolved.isUnresolved()) {
            throw new SetupException("listen: unknown host \"" + listen.getHostString() + "\"; set `listen` in "
                    + dir.root().resolve("erg-server.conf"));
        }
        try {
            return Listener.bind(resolved, identity, net, locator);
        } catch (IllegalStateException e) {
            throw new SetupException("cannot set up TLS with the key of " + dir.root() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while binding " + where, e);
        } catch (Exception e) {
            // Netty rethrows the bind failure undeclared; epoll's is an IOException naming EADDRINUSE.
            throw portFailure(where, e, dir);
        }
    }

    private static SetupException portFailure(String where, Exception e, DataDir dir) {
        if (e instanceof BindException || e instanceof IOException && String.valueOf(e.getMessage()).contains("in use")) {
            return new SetupException(where + " is in use (listen, in " + dir.root().resolve("erg-server.conf")
                    + "); stop what uses it, or choose another port", e);
        }
        return new SetupException("cannot listen on " + where + ": " + e.getMessage(), e);
    }

    static ClusterMember joinCluster(ClusterConfig config, Map<String, String> environment, VatId serverId,
                                             List<InetSocketAddress> hints, LoadSampler load, LocationCache locations)
            throws SetupException {
        List<String> texts = hints.stream().map(h -> (h.getHostString().contains(":") ? "[" + h.getHostString() + "]"
                : h.getHostString()) + ":" + h.getPort()).toList();
        try {
            return ClusterMember.start(config, environment, serverId, texts, load, locations);
        } catch (ClusterException e) {
            throw new SetupException("cannot join the cluster at " + config.store() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while joining the cluster", e);
        }
    }

    static DurableHost openDurables(DataDir dir, ServerConfig config) throws SetupException {
        Storage storage = config.storage().equals(ServerConfig.SQLITE)
                ? Storage.sqlite(dir.durableStore())
                : new Storage(config.storage(), config.storageUser(), config.storagePassword());
        try {
            return DurableHost.open(storage, dir.vatId(), config.commitBatch());
        } catch (StoredDataException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }
}
