package dev.erg.samples.payroll;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/**
 * A payroll office: it pays each employee's salary into an account at a {@link Bank}, every
 * month, by durable sends, and counts the answers.
 */
public interface Payroll {

    /**
     * What the payroll has paid and been answered.
     *
     * @param employees how many are on the payroll
     * @param months    how many months have been paid
     * @param sent      deposits sent
     * @param answered  answers received, each counted once
     * @param repeated  answers whose send came no later than the previous answer's: an
     *                  answer given twice (the outbox answers in the order it sent)
     * @param broken    answers that said the deposit failed
     */
    @Passable("erg.samples.payroll.PayrollReport")
    record Report(int employees, int months, long sent, long answered, long repeated, long broken) {
    }

    /**
     * Puts {@code name} on the payroll, paid {@code salary} a month into the account the
     * sturdy ref {@code accountRef} designates; answers how many are on the payroll.
     */
    Promise<Integer> hire(String name, String accountRef, long salary);

    /** Pays the next month: one deposit to each employee's account. Answers the month's number. */
    Promise<Integer> payMonth();

    /** What the payroll has paid and been answered. */
    Promise<Report> report();
}
