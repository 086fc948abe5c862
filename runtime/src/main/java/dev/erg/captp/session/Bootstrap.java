package dev.erg.captp.session;

import dev.erg.vat.Promise;

/**
 * The object each side of a session finds at the other's export position 0: it turns a
 * swiss number into the object it designates.
 */
public interface Bootstrap {

    /**
     * The object registered under {@code swiss}; broken with the same problem, revealing
     * nothing else, whether the number is unknown, revoked or expired.
     */
    Promise<Object> fetch(byte[] swiss);

    /** Does nothing: peers send it to keep a quiet session alive. */
    void ping();
}
