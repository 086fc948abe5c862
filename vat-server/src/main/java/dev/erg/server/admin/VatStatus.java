package dev.erg.server.admin;

import dev.erg.vat.Passable;

/**
 * One hosted vat.
 *
 * @param name     the vat's name: its service's name
 * @param maker    the maker of its service
 * @param queued   turns queued and not yet finished, the one running included
 * @param turns    turns run since the start
 * @param messages eventual sends delivered to it since the start
 */
@Passable("erg.server.VatStatus")
public record VatStatus(String name, String maker, long queued, long turns, long messages) {
}
