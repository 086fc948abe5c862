package dev.erg.server.spawn;

import dev.erg.confine.Limits;
import dev.erg.confine.VatMaker;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;
import java.util.Optional;

/**
 * Makes a {@link VatMaker}, as the maker {@value #NAME}: the configuration line
 * {@code service.spawner = vat-maker} offers one, by a sturdy ref printed at start like any
 * service's. It spawns from the {@link dev.erg.server.spi.RootMaker}s on the class path and
 * from uploaded bundles, confined with {@link Limits#defaults() the default limits} and seeing
 * the makers' root interfaces and passables as host types, in the server's process or in
 * worker processes, with the {@link SpawnQuota#defaults() default quota} shared by every holder
 * of that service's sturdy refs.
 */
public final class VatMakerService implements ServiceMaker {

    /** The maker's name. */
    public static final String NAME = "vat-maker";

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
        SpawnService service = new SpawnService(context.vat(), makers, context.host()::newVat,
                Optional.of(context.host().workers()),
                Optional.of(ConfinedBundles.of(context.host().runtime(), makers, Limits.defaults())), SpawnQuota.defaults(),
                root -> context.network().sturdyRef(root).toString());
        return context.vat().export(service, VatMaker.class);
    }
}
