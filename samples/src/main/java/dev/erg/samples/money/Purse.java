package dev.erg.samples.money;

import dev.erg.vat.Promise;

/**
 * A purse holding units of one currency. Holding a purse lets you look at it, deposit into
 * it, and make a new empty purse of the same currency; it does not let you make money.
 */
public interface Purse {

    /** The units in this purse. */
    Promise<Long> balance();

    /** A new, empty purse of the same currency, to pass to someone you pay. */
    Promise<Purse> sprout();

    /**
     * Moves {@code amount} units from {@code source} into this purse, all or nothing, and
     * answers the new balance. Breaks if {@code source} is not a purse of the same currency
     * or does not hold enough.
     */
    Promise<Long> deposit(long amount, Purse source);
}
