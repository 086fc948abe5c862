package dev.erg.server.services;

import dev.erg.server.spi.Descriptions;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/** Makes {@link Greeter}s, as the maker {@code greeter}. */
public final class GreeterMaker implements ServiceMaker {

    @Override
    public String name() {
        return "greeter";
    }

    @Override
    public Object make(ServiceContext context) {
        return context.vat().export(new Greeter() {
            @Override
            public Promise<String> greet(String name) {
                return Promise.of("Hello, " + name + "!");
            }

            @Override
            public Promise<List<Map<String, Object>>> describe() {
                return Promise.of(Descriptions.of(Greeter.class));
            }
        }, Greeter.class);
    }
}
