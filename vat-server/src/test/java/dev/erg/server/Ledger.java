package dev.erg.server;

import dev.erg.vat.Promise;

/**
 * A test service of accounts and counters, durable, for crash tests: see {@link LedgerMaker}.
 * Every change it makes is counted, so that a change applied twice or lost shows.
 */
public interface Ledger {

    /** The {@link dev.erg.vat.Problem#kind() problem kind} of a transfer larger than the balance. */
    String INSUFFICIENT = "InsufficientFunds";

    /** Adds {@code by} to the counter {@code counter} (0 at first); answers its new value. */
    Promise<Long> increment(String counter, long by);

    /**
     * Moves {@code amount} from account {@code from} to account {@code to}; answers the new
     * balance of {@code from}. Breaks with {@link #INSUFFICIENT}, changing nothing, if
     * {@code from} holds less than {@code amount}.
     */
    Promise<Long> transfer(String from, String to, long amount);

    /** The balances, counters and number of changes applied, as they are now. */
    Promise<LedgerSnapshot> snapshot();
}
