package dev.erg.samples.payroll;

import dev.erg.vat.Promise;

/**
 * A bank whose accounts are durable objects of their own, as its customers reach it: each
 * account has a sturdy ref that keeps designating it across crashes and restarts of the bank.
 */
public interface Bank {

    /**
     * Opens an account for {@code holder}, empty, and answers its sturdy ref as text; answers
     * the same ref again if {@code holder} has an account already, so that asking twice is safe.
     */
    Promise<String> open(String holder);

    /** How many accounts the bank holds. */
    Promise<Integer> accounts();
}
