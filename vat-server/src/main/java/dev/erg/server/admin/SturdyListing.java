package dev.erg.server.admin;

import dev.erg.vat.Passable;

/**
 * One issued sturdy ref.
 *
 * @param service   the hosted service it designates
 * @param sturdyRef its text, which holds the secret
 * @param revocable whether it was minted revocable, so that revoking it cuts live references too
 */
@Passable("erg.server.SturdyListing")
public record SturdyListing(String service, String sturdyRef, boolean revocable) {
}
