package dev.erg.samples.logship;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;

/** Makes Shop Inc.'s durable {@link OrderLog}, as the maker {@code order-log}. */
public final class OrderLogMaker implements ServiceMaker {

    @Override
    public String name() {
        return "order-log";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(OrderLog.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(OrderLogBook.KIND,
                () -> new OrderLogBook.State(0, 0, 0, 0, false, false, false, ""));
    }
}
