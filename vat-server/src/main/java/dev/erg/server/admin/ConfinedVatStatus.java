package dev.erg.server.admin;

import dev.erg.vat.Passable;

/**
 * One confined vat running in the server's process.
 *
 * @param name      the vat's name
 * @param used      computrons its turns have used
 * @param budget    computrons it may use in all
 * @param perTurn   computrons one turn may use
 * @param pending   messages waiting in its queue
 */
@Passable("erg.server.ConfinedVatStatus")
public record ConfinedVatStatus(String name, long used, long budget, long perTurn, int pending) {
}
