package dev.erg.samples.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.net.OcapnNode;
import dev.erg.vat.Promise;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The money story between two nodes speaking OCapN over {@code tcp-testing-only}: the bank's
 * node hosts the mint; Alice, on the other node, fetches it by sturdy ref, pays Bob, and the
 * mint still recognises its own purses when they come back across OCapN.
 */
class MoneyOverOcapnTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime bankRuntime = VatRuntime.create();
    private final VatRuntime aliceRuntime = VatRuntime.create();
    private OcapnNode bank;
    private OcapnNode alice;

    @BeforeEach
    void start() throws InterruptedException {
        bank = OcapnNode.start(bankRuntime, WireLimits.defaults());
        bank.listen(new InetSocketAddress("127.0.0.1", 0));
        alice = OcapnNode.start(aliceRuntime, WireLimits.defaults());
    }

    @AfterEach
    void stop() {
        alice.close();
        bank.close();
        aliceRuntime.close();
        bankRuntime.close();
    }

    @Test
    void alicePaysBobAndTheMintRefusesAnOverdraftAndAForgery() {
        Vat bankVat = bankRuntime.newVat("bank");
        String mintRef = bank.sturdyRef(bankVat.export(new Currency("credits"), Mint.class));
        Mint mint = alice.fetch(mintRef, Mint.class).join(WAIT);
        Purse alicePurse = mint.makePurse(100).join(WAIT);
        Purse bobPurse = mint.makePurse(0).join(WAIT);

        // Pipelined: the payment purse is filled before sprout() has answered.
        Promise<Purse> payment = alicePurse.sprout();
        assertThat(payment.as(Purse.class).deposit(30, alicePurse).join(WAIT)).isEqualTo(30L);
        assertThat(bobPurse.deposit(30, payment.join(WAIT)).join(WAIT)).isEqualTo(30L);

        assertThatThrownBy(() -> bobPurse.deposit(500, alicePurse).join(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().kind())
                        .isEqualTo("InsufficientFunds"));
        Purse forged = aliceRuntime.newVat("alice").export(new MoneyTransparencyTest.Counterfeit(), Purse.class);
        assertThatThrownBy(() -> bobPurse.deposit(1, forged).join(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().kind())
                        .isEqualTo("NotOurMoney"));
        assertThatThrownBy(() -> mint.makePurse(-5).join(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().kind())
                        .isEqualTo("BadAmount"));

        assertThat(alicePurse.balance().join(WAIT)).isEqualTo(70L);
        assertThat(bobPurse.balance().join(WAIT)).isEqualTo(30L);
    }
}
