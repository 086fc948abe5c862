package dev.erg.samples.payroll;

import dev.erg.vat.Promise;

/** One account at a {@link Bank}. */
public interface Account {

    /** Adds {@code amount}, which must be positive, and answers the balance. */
    Promise<Long> deposit(long amount);

    /** The holder, the balance and how many deposits made it. */
    Promise<Statement> statement();
}
