package dev.erg.server.durable;

import dev.erg.vat.Problem;

/**
 * The answer to a durable send.
 *
 * @param ticket  what {@link Self#send} returned
 * @param value   the answer, as stored: a number, string, boolean, byte array, list or map
 *                (a record arrives as a map); null when broken or when the method answered nothing
 * @param problem why the send broke, or null
 */
public record Reply(long ticket, Object value, Problem problem) {

    /** Whether the method answered rather than broke. */
    public boolean ok() {
        return problem == null;
    }
}
