package dev.erg.server.spi;

import dev.erg.vat.Vat;
import java.util.List;

/**
 * Makes the root object of a vat that a {@link dev.erg.confine.VatMaker} spawns by name,
 * known by {@link #name()}, in the server's process or in a worker's. Makers are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.erg.server.spi.RootMaker}. As with {@link ServiceMaker}, a
 * peer names code the server already has; it can never make the server load a class.
 */
public interface RootMaker {

    /** The name spawners use: 1 to 63 lower-case letters, digits and dashes. */
    String name();

    /** The remote interface through which the root is reached; it is registered by its name. */
    Class<?> root();

    /** The records and enums, marked {@link dev.erg.vat.Passable}, that the root's methods take or answer. */
    default List<Class<?>> passables() {
        return List.of();
    }

    /**
     * The root: an object made to live in {@code vat}, returned as the eventual reference
     * {@code vat.export(object, root())}. Called in the vat's first turn.
     *
     * @param args the spawner's arguments: values that cross vats, and eventual references
     * @throws IllegalArgumentException saying what is wrong with {@code args}
     */
    Object make(Vat vat, List<Object> args);
}
