package dev.erg.server.interop;

import dev.erg.vat.Promise;
import java.util.List;

/** Called with nothing, answers a new {@link CarFactory}. */
final class CarFactoryBuilder implements Procedure {

    @Override
    public Promise<Object> apply(List<Object> args) {
        return Promise.of(new CarFactory());
    }
}
