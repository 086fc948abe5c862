package dev.erg.server.placement;

import java.util.function.Supplier;

/**
 * One policy in the comparison.
 *
 * @param name      what the results call it
 * @param placement makes a fresh registry for each run, since strategies keep state
 * @param metered   whether vats pay for their turns out of their balance and wait when they
 *                  cannot (agoric placement); otherwise the ledger is kept only to count the
 *                  vats that would have overspent
 */
public record Contender(String name, Supplier<Placement> placement, boolean metered) {

    /** A contender placing every vat by {@code strategy}, unmetered. */
    public static Contender of(Supplier<Strategy> strategy) {
        return new Contender(strategy.get().name(), () -> Placement.of(strategy.get()), false);
    }
}
