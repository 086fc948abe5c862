package dev.erg.server;

import dev.erg.vat.Passable;
import java.util.Map;

/**
 * What a {@link Ledger} holds.
 *
 * @param balances each account's balance
 * @param counters each counter's value, for the counters incremented so far
 * @param applied  how many increments and transfers it has applied
 */
@Passable("erg.test.LedgerSnapshot")
public record LedgerSnapshot(Map<String, Long> balances, Map<String, Long> counters, long applied) {

    public LedgerSnapshot {
        balances = Map.copyOf(balances);
        counters = Map.copyOf(counters);
    }
}
