package dev.erg.net;

import dev.erg.vat.Otherwise;
import dev.erg.vat.Promise;
import dev.erg.vat.RemoteName;
import java.util.List;

/** A remote interface using every way of naming a method on the OCapN wire, for the tests. */
public interface Anything {

    /** Called by a delivery without a method symbol, with all its arguments. */
    Promise<List<Object>> apply(List<Object> args);

    @RemoteName("say-hello")
    Promise<String> sayHello(String to);

    /** Sends {@code "Hello"} to {@code whom} without a method symbol, answering what it answers. */
    Promise<List<Object>> greet(Anything whom);

    @Otherwise
    Promise<String> otherwise(String name, List<Object> args);
}
