package dev.erg.server.spi;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Promise;

/**
 * The network as a hosted service reaches it: through its server's node, under the server's
 * vat identity. A service is given one in its {@link ServiceContext}; without it, a service
 * could only answer, never call another vat-server or hand out a reference by text.
 *
 * <p>Sturdy refs made by {@link #sturdyRef} are not written to the data directory: they
 * designate their object until revoked or until the server stops, unlike the service's own
 * sturdy refs, which survive restarts. They name the server's advertised addresses.
 *
 * <p>All methods may be called from any thread.
 */
public interface Network {

    /**
     * A promise for the object {@code ref} designates, as {@code iface}; broken with an
     * {@value dev.erg.vat.Problem#UNAVAILABLE} problem saying why if it cannot be reached.
     */
    <T> Promise<T> connect(SturdyRef ref, Class<T> iface);

    /**
     * A new sturdy ref to {@code ref}, an eventual reference (e.g. from
     * {@code context.vat().export(object, Iface.class)}), valid until {@link #revoke revoked}
     * or until the server stops.
     *
     * @throws IllegalArgumentException if {@code ref} is not an eventual reference
     */
    SturdyRef sturdyRef(Object ref);

    /** Makes {@code ref} designate nothing from now on; returns whether it designated something. */
    boolean revoke(SturdyRef ref);
}
