package dev.erg.server.spi;

import dev.erg.server.durable.Kind;
import java.util.function.Supplier;

/**
 * The durable objects of one hosted service, kept in the server's store: their state
 * survives crashes and restarts, each call is a turn that commits before it is answered, and
 * their sturdy refs keep designating them.
 */
public interface Durables {

    /**
     * The service's root durable object, of {@code kind}, as an eventual reference to return
     * from {@link ServiceMaker#make}: made with {@code initial()} at the first start, and
     * found in the store, bound to the code of {@code kind}, at every later one.
     *
     * @throws dev.erg.server.durable.StoredDataException if the stored root is of another kind,
     *                                                    or its state cannot be read
     */
    <S extends Record, T> T root(Kind<S, T> kind, Supplier<S> initial);

    /**
     * Binds {@code kind}, whose objects the service's turns make with
     * {@link dev.erg.server.durable.Self#create}, to its code: call it when the service is
     * made, so that stored objects of that kind load at every start.
     *
     * @throws IllegalArgumentException if another kind of the same name was bound before
     */
    void bind(Kind<?, ?> kind);
}
