package dev.erg.samples.logship;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;

/** Makes Audit Ltd.'s durable {@link Journal}, as the maker {@code order-journal}. */
public final class JournalMaker implements ServiceMaker {

    @Override
    public String name() {
        return "order-journal";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Journal.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(JournalBook.KIND, () -> new JournalBook.State(0, JournalBook.START, ""));
    }
}
