package dev.erg.samples.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MoneySampleTest {

    @Test
    void alicePaysBobAndNeitherOverdraftNorForgeryWorks() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long bob = MoneySample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String story = bytes.toString(StandardCharsets.UTF_8);
        assertThat(bob).isEqualTo(30);
        assertThat(story)
                .contains("Bob was paid; his balance is 30.")
                .contains("Alice tries to pay 500: refused, InsufficientFunds: cannot move 500 credits from a purse holding 70.")
                .contains("A forged purse: refused, NotOurMoney: the source is not a purse of credits.")
                .contains("In the end Alice has 70 and Bob has 30.");
    }
}
