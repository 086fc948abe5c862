package dev.erg.server.inspect;

import dev.erg.vat.Vat;

/**
 * A vat the inspector shows.
 *
 * @param name  its service's name
 * @param maker the maker of its service
 * @param vat   the vat, whose turns the server's metrics observe
 */
public record InspectedVat(String name, String maker, Vat vat) {
}
