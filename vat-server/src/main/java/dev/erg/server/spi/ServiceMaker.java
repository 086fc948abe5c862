package dev.erg.server.spi;

import java.util.List;

/**
 * Makes one kind of service a vat-server can host, known by {@link #name()}: the
 * configuration line {@code service.orders = shop} hosts a service called {@code orders},
 * made by the maker called {@code shop}, in a vat of its own. Makers are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.erg.server.spi.ServiceMaker}.
 *
 * <p>A maker names code the server already has, as a remote table does; no configuration
 * or peer can make the server load a class by name.
 */
public interface ServiceMaker {

    /** The name configuration files use: 1 to 63 lower-case letters, digits and dashes. */
    String name();

    /**
     * The records and enums, marked {@link dev.erg.vat.Passable}, that the service's methods
     * take or answer, so that they may cross the network.
     */
    default List<Class<?>> passables() {
        return List.of();
    }

    /**
     * The service: an object made to live in {@code context.vat()}, returned as the eventual
     * reference {@code context.vat().export(object, Iface.class)}. Called once per start.
     */
    Object make(ServiceContext context);
}
