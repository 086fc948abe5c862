package dev.erg.samples.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.samples.money.Currency;
import dev.erg.samples.money.Mint;
import dev.erg.samples.money.Purse;
import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Settle;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The market's trade, with the bank, the seller's stall and the buyer as three vats: in one
 * JVM, each behind its own node over TLS, and on the deterministic scheduler. The payment is
 * a purse the buyer got from the bank, handed to the seller (a three-party handoff over TLS).
 * The stall waits for the payment to arrive and then shows it to the bank; over TLS the bank
 * then sees its own purse, in one JVM it sees a promise for it.
 */
class MarketTransparencyTest {

    private static final String STORY = "story";

    private static final Scenario TRADE = Scenario.of("market: a book bought with a purse handed off from the bank", (w, out) -> {
        Currency credits = new Currency("credits");
        Mint forBuyer = w.share("bank", credits, Mint.class, "buyer");
        Mint forSeller = w.share("bank", credits, Mint.class, "seller");
        Shop shop = w.share("seller", new Stall(forSeller.makePurse(0).as(Purse.class)), Shop.class, "buyer");
        return w.vat("buyer").callPromise(() -> forBuyer.makePurse(100).thenCompose(wallet -> {
            Purse payment = wallet.sprout().as(Purse.class);
            return Settle.inOrder(out, STORY, List.of(payment.deposit(Stall.PRICE, wallet)))
                    .thenCompose(n -> Settle.inOrder(out, STORY, List.of(shop.buy("a book", payment))))
                    .thenCompose(n -> Settle.inOrder(out, STORY, List.of(wallet.balance(), payment.balance())));
        }));
    });

    @Test
    void theTradeEndsAlikeInOneJvmAndOverTls() {
        try (Harness harness = new Harness(List.of(TRADE))) {
            Verdict verdict = harness.check(TRADE);

            assertThat(verdict.outcomes().get(Mode.TLS).lines(STORY)).containsExactly(
                    "fulfilled Long 30",
                    "fulfilled String \"sold a book for 30; the till holds 30\"",
                    "fulfilled Long 70",
                    "fulfilled Long 0");
            Transparency.require(verdict);
        }
    }
}
