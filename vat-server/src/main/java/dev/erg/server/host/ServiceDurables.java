package dev.erg.server.host;

import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Kind;
import dev.erg.server.spi.Durables;
import dev.erg.vat.Vat;
import java.util.function.Supplier;

/** The durable objects of one service, whose root is exported from its vat: the host's, scoped to it. */
record ServiceDurables(DurableHost host, String service, Vat vat) implements Durables {

    @Override
    public <S extends Record, T> T root(Kind<S, T> kind, Supplier<S> initial) {
        return host.root(service, vat, kind, initial);
    }

    @Override
    public void bind(Kind<?, ?> kind) {
        host.bind(kind);
    }
}
