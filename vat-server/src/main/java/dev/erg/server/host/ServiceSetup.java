package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.net.Node;
import dev.erg.server.config.ServiceSpec;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.StoredDataException;
import dev.erg.server.spi.Durables;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.SturdyStore;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a starting server makes its configured services, each in its vat, and serves them by their sturdy refs. */
final class ServiceSetup {

    /** Logged as the server's, which these steps are part of. */
    private static final Logger LOG = LoggerFactory.getLogger(VatServer.class);

    private ServiceSetup() {
    }

    static Object make(ServiceRegistry makers, ServiceSpec spec, Vat vat, DataDir dir, NodeNetwork network,
                               DurableHost durables, ServerVatHost host) throws SetupException {
        ServiceMaker maker = makers.maker(spec.maker()).orElseThrow();
        Durables own = new ServiceDurables(durables, spec.name(), vat);
        Object ref;
        try {
            ref = maker.make(new ServiceContext(spec.name(), vat, dir.serviceDirectory(spec.name()), network, own, host));
        } catch (StoredDataException e) {
            throw new SetupException("service " + spec.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SetupException("service " + spec.name() + " (maker " + spec.maker() + ") failed to start: " + e, e);
        }
        if (ref == null || Ref.kind(ref) != RefKind.EVENTUAL) {
            throw new SetupException("service maker " + spec.maker() + " returned " + (ref == null ? "null" : "a near "
                    + ref.getClass().getSimpleName()) + " (expected: context.vat().export(object, Interface.class))");
        }
        return ref;
    }

    /** Reinstates every stored sturdy ref, issuing one to each service that has none. */
    static List<HostedService> reinstate(Node node, List<InetSocketAddress> hints, SturdyStore store,
                                                 Map<String, Tenant> tenants, LiveAccess access) throws SetupException {
        Map<String, SturdyRef> first = new LinkedHashMap<>();
        for (SturdyStore.Entry entry : store.entries()) {
            Tenant tenant = tenants.get(entry.service());
            if (tenant == null) {
                LOG.warn("a sturdy ref designates service \"{}\", which is not configured: kept, but not served",
                        entry.service());
                continue;
            }
            SturdyRef ref = new SturdyRef(node.vatId(), hints, entry.swiss());
            try {
                node.reinstate(ref, access.serve(entry, tenant));
            } catch (IllegalArgumentException e) {
                throw new SetupException("a revocable sturdy ref designates service \"" + entry.service()
                        + "\", which cannot be served through a membrane: " + e.getMessage(), e);
            }
            first.putIfAbsent(entry.service(), ref);
        }
        SecureRandom random = new SecureRandom();
        List<HostedService> hosted = new ArrayList<>();
        for (Tenant tenant : tenants.values()) {
            String name = tenant.spec().name();
            SturdyRef ref = first.get(name);
            if (ref == null) {
                ref = new SturdyRef(node.vatId(), hints, SwissNumber.random(random));
                try {
                    store.add(new SturdyStore.Entry(ref.swiss(), name));
                } catch (UncheckedIOException e) {
                    throw new SetupException(e.getMessage(), e);
                }
                node.reinstate(ref, tenant.ref());
            }
            hosted.add(new HostedService(name, tenant.spec().maker(), ref));
        }
        return hosted;
    }
}
