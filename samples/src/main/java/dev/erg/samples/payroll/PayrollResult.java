package dev.erg.samples.payroll;

import java.util.List;

/**
 * What happened in one run of {@link PayrollSample}.
 *
 * @param report         the payroll's report at the end
 * @param answeredAtKill answers the payroll had last reported when it was killed
 * @param statements     each account at the end, in the employees' order
 * @param exactlyOnce    whether every deposit reached its account once and was answered once
 */
public record PayrollResult(Payroll.Report report, long answeredAtKill, List<Statement> statements,
                            boolean exactlyOnce) {

    public PayrollResult {
        statements = List.copyOf(statements);
    }
}
