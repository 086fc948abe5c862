package dev.erg.samples.orgs;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;
import java.util.Map;

/**
 * Makes the shop of Brick, an organization that sells widgets and bolts, as the maker
 * {@code shop}. It takes no payment until its operator names a bank to trust
 * ({@link Shop#acceptPaymentFrom}).
 */
public final class ShopMaker implements ServiceMaker {

    /** What Brick sells, and for how much. */
    public static final Map<String, Long> PRICES = Map.of("widget", 30L, "bolt", 2L);

    @Override
    public String name() {
        return "shop";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Attempt.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.vat().export(new Storefront("Brick", PRICES, context.vat(), context.network()), Shop.class);
    }
}
