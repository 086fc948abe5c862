package dev.erg.net;

import dev.erg.vat.Promise;
import java.util.List;

/** Echoes what it is sent. */
class AnythingObject implements Anything {

    @Override
    public Promise<List<Object>> apply(List<Object> args) {
        return Promise.of(List.copyOf(args));
    }

    @Override
    public Promise<String> sayHello(String to) {
        return Promise.of("hello " + to);
    }

    @Override
    public Promise<List<Object>> greet(Anything whom) {
        return whom.apply(List.of("Hello"));
    }

    @Override
    public Promise<String> otherwise(String name, List<Object> args) {
        return Promise.of(name + args);
    }
}
