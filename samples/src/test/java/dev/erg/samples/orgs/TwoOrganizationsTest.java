package dev.erg.samples.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two vat-server processes, Acme's bank and Brick's shop, trading through sturdy refs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoOrganizationsTest {

    @TempDir
    Path tmp;

    @Test
    void acmePaysBrickWithAPurseAndBrickCannotMakeMoneyWithIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TradeReport report = TwoOrganizations.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(report.currency()).isEqualTo(BankMaker.CURRENCY);
        assertThat(report.receipt()).isEqualTo("Brick sold a widget for 30 acme dollars");
        assertThat(report.takings()).as("Brick took the price out of the purse it was given").isEqualTo(30);
        assertThat(report.treasury()).isEqualTo(BankMaker.SUPPLY - 30);

        assertThat(report.attempts()).extracting(Attempt::refusal).doesNotContainNull()
                .extracting(Problem::kind)
                .containsExactly(Problem.NOT_CALLABLE, "InsufficientFunds", "NotOurMoney", Problem.NOT_CALLABLE);
        assertThat(report.attempts().get(0).refusal().message()).contains("makePurse");
        assertThat(report.takingsAfter()).as("no attempt moved money").isEqualTo(30);
        assertThat(report.treasuryAfter()).isEqualTo(BankMaker.SUPPLY - 30);
        assertThat(report.takingsAfter() + report.treasuryAfter()).as("no money was made").isEqualTo(BankMaker.SUPPLY);

        assertThat(story).contains("Both servers stop on SIGTERM: exit status 0 and 0.");
    }
}
