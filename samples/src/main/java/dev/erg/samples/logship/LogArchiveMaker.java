package dev.erg.samples.logship;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;

/** Makes an organization's log archive, as the maker {@code log-archive}, keeping logs in the service's directory. */
public final class LogArchiveMaker implements ServiceMaker {

    @Override
    public String name() {
        return "log-archive";
    }

    @Override
    public Object make(ServiceContext context) {
        return context.vat().export(new LogArchive(context.directory().resolve("logs")), Archive.class);
    }
}
