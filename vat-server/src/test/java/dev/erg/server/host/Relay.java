package dev.erg.server.host;

import dev.erg.vat.Promise;

/** A test service that uses its {@link dev.erg.server.spi.Network}: see {@link NetworkTest}. */
public interface Relay {

    /** Connects to the counter {@code counterRef} designates and increments it by {@code by}. */
    Promise<Long> increment(String counterRef, long by);

    /** Offers a new greeter, answering {@code greeting} followed by the name, by a sturdy ref. */
    Promise<String> offer(String greeting);

    /** Revokes a sturdy ref {@link #offer} made. */
    Promise<Boolean> revoke(String sturdyRef);
}
