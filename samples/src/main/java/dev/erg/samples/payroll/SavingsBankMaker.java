package dev.erg.samples.payroll;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;
import java.util.Map;

/** Makes a durable {@link Bank} and binds its accounts' kind, as the maker {@code savings-bank}. */
public final class SavingsBankMaker implements ServiceMaker {

    @Override
    public String name() {
        return "savings-bank";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Statement.class);
    }

    @Override
    public Object make(ServiceContext context) {
        context.durables().bind(SavingsAccount.KIND);
        return context.durables().root(SavingsBank.KIND, () -> new SavingsBank.State(Map.of()));
    }
}
