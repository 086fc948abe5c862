package dev.erg.server.placement;

import java.util.Objects;

/**
 * A proposal to move a vat.
 *
 * @param vat  the vat to move
 * @param from the server it runs on
 * @param to   the server to run it on
 * @param fee  the credits the vat pays for the move out of its balance; zero outside agoric placement
 */
public record Migration(String vat, String from, String to, double fee) {

    public Migration {
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("migration of " + vat + " from " + from + " to itself");
        }
        if (!(fee >= 0) || Double.isInfinite(fee)) {
            throw new IllegalArgumentException("fee: " + fee + " (expected: >= 0 and finite)");
        }
    }
}
