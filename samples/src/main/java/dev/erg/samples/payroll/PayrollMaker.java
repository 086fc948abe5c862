package dev.erg.samples.payroll;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;

/** Makes a durable {@link Payroll}, as the maker {@code payroll}. */
public final class PayrollMaker implements ServiceMaker {

    @Override
    public String name() {
        return "payroll";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Payroll.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(PayrollOffice.KIND, () -> new PayrollOffice.State(List.of(), 0, 0, 0, 0, 0, 0));
    }
}
