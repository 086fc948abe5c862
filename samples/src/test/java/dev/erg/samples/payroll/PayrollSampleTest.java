package dev.erg.samples.payroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank and a payroll in two vat-server processes, each killed with SIGKILL once while the
 * payroll's deposits are outstanding: every deposit still arrives, and is answered, once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PayrollSampleTest {

    @TempDir
    Path tmp;

    @Test
    void everyDepositArrivesOnceThoughTheBankAndThenThePayrollAreKilled() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PayrollResult result = PayrollSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        String story = bytes.toString(StandardCharsets.UTF_8);

        long deposits = (long) PayrollSample.EMPLOYEES * PayrollSample.MONTHS;
        assertThat(result.report()).as(story)
                .isEqualTo(new Payroll.Report(PayrollSample.EMPLOYEES, PayrollSample.MONTHS, deposits, deposits, 0, 0));
        assertThat(result.statements()).hasSize(PayrollSample.EMPLOYEES);
        for (int i = 1; i <= PayrollSample.EMPLOYEES; i++) {
            assertThat(result.statements().get(i - 1)).isEqualTo(new Statement(PayrollSample.name(i),
                    PayrollSample.salary(i) * PayrollSample.MONTHS, PayrollSample.MONTHS));
        }
        assertThat(result.answeredAtKill()).as("the payroll was killed while the deposits flowed")
                .isGreaterThan(PayrollSample.EMPLOYEES).isLessThan(deposits);
        assertThat(result.exactlyOnce()).isTrue();
        assertThat(story).contains(
                "SIGKILL to the bank",
                "outbox    to ",
                ": " + (deposits - PayrollSample.EMPLOYEES) + " letters waiting, unavailable",
                "SIGKILL to the payroll",
                "Every payment arrived exactly once.",
                "Both servers stop on SIGTERM: exit status 0 and 0.");
    }
}
