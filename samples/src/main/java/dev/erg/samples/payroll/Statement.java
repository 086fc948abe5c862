package dev.erg.samples.payroll;

import dev.erg.vat.Passable;

/**
 * What an {@link Account} holds.
 *
 * @param holder   whose account it is
 * @param balance  the money in it
 * @param deposits how many deposits made the balance
 */
@Passable("erg.samples.payroll.Statement")
public record Statement(String holder, long balance, int deposits) {
}
