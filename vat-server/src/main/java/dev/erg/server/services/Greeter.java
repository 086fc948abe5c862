package dev.erg.server.services;

import dev.erg.server.spi.Describable;
import dev.erg.vat.Promise;

/** A sample service that greets by name. */
public interface Greeter extends Describable {

    /** A greeting for {@code name}. */
    Promise<String> greet(String name);
}
