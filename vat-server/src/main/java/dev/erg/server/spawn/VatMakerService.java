package dev.erg.server.spawn;

import dev.erg.confine.VatMaker;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Makes a {@link VatMaker}, as the maker {@value #NAME}: the configuration line
 * {@code service.spawner = vat-maker} offers one, by a sturdy ref printed at start like any
 * service's. It spawns from the {@link dev.erg.server.spi.RootMaker}s on the class path and
 * from uploaded bundles, confined within the limits the configuration sets
 * ({@link dev.erg.server.spi.VatHost#spawnPolicy()}) and seeing the makers' root interfaces and
 * passables as host types, in the server's process or in worker processes, with the
 * {@link SpawnQuota#defaults() default quota} shared by every holder of that service's sturdy
 * refs. Uploaded bundles are kept in the service's directory, as {@code bundles/<sha256>.jar},
 * so that they survive a restart.
 */
public final class VatMakerService implements ServiceMaker {

    /** The maker's name. */
    public static final String NAME = "vat-maker";

    /** The directory, in the service's, that keeps uploaded bundles. */
    static final String BUNDLES = "bundles";

    private final RootMakers makers = RootMakers.load();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> passables() {
        return makers.passables();
    }

    @Override
    public Object make(ServiceContext context) {
        SpawnQuota quota = SpawnQuota.defaults();
        ConfinedBundles bundles = ConfinedBundles.of(context.host().runtime(), makers, context.host().confinedVats());
        BundleStore kept;
        try {
            kept = BundleStore.open(context.directory().resolve(BUNDLES), quota.bundleBytes(), bundles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + context.directory().resolve(BUNDLES) + ": " + e.getMessage(), e);
        }
        SpawnService service = new SpawnService(context.vat(), makers, context.host()::newVat,
                Optional.of(context.host().workers()), Optional.of(bundles), quota, context.host().spawnPolicy(), kept,
                root -> context.network().sturdyRef(root).toString());
        return context.vat().export(service, VatMaker.class);
    }
}
