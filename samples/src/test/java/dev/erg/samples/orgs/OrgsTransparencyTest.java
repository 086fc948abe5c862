package dev.erg.samples.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.samples.money.Currency;
import dev.erg.samples.money.Mint;
import dev.erg.samples.money.Purse;
import dev.erg.samples.transparency.SturdyTable;
import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Outcome;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Settle;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two organizations' story with Acme's bank, Brick's shop and their operators as three
 * vats: in one JVM, each behind its own node over TLS, and on the deterministic scheduler. The
 * bank and the shop reach each other by sturdy refs given as text, which a {@link SturdyTable}
 * in each vat resolves to a reference the world shared with it. The payment is a purse the
 * bank hands to the shop and the shop shows back to the bank; the shop's attempts to make money
 * are refused alike in every mode.
 */
class OrgsTransparencyTest {

    private static final String STORY = "story";

    private static final Scenario TRADE = Scenario.of("orgs: Acme buys from Brick, which cannot make money", (w, out) -> {
        SturdyTable acmeNetwork = new SturdyTable("acme");
        SturdyTable brickNetwork = new SturdyTable("brick");
        Vat acme = w.vat("acme");
        // As BankMaker makes it: the mint fills the treasury and is dropped.
        Mint mint = acme.export(new Currency(BankMaker.CURRENCY), Mint.class);
        IssuingBank issuer = new IssuingBank(BankMaker.CURRENCY, mint.makePurse(BankMaker.SUPPLY), acmeNetwork);
        Storefront storefront = new Storefront("Brick", ShopMaker.PRICES, w.vat("brick"), brickNetwork);

        String bankRef = brickNetwork.sturdyRef(w.share("acme", issuer, Bank.class, "brick")).toString();
        String shopRef = acmeNetwork.sturdyRef(w.share("brick", storefront, Shop.class, "acme")).toString();
        Bank bank = w.share("acme", issuer, Bank.class, "operators");
        Shop shop = w.share("brick", storefront, Shop.class, "operators");
        return w.vat("operators").callPromise(() -> step(out, shop.acceptPaymentFrom("captp://nonsense"))
                .thenCompose(x -> step(out, bank.buy(shopRef, "widget")))
                .thenCompose(x -> step(out, bank.treasury()))
                .thenCompose(x -> step(out, shop.acceptPaymentFrom(bankRef)))
                .thenCompose(x -> step(out, shop.acceptPaymentFrom(bankRef)))
                .thenCompose(x -> step(out, bank.buy(shopRef, "sofa")))
                .thenCompose(x -> step(out, bank.buy(shopRef, "widget")))
                .thenCompose(x -> Settle.inOrder(out, STORY, List.of(bank.treasury(), shop.takings())))
                .thenCompose(x -> step(out, shop.tryToMakeMoney()))
                .thenCompose(x -> Settle.inOrder(out, STORY, List.of(bank.treasury(), shop.takings()))));
    }).passing(Attempt.class);

    private static Promise<String> step(Outcome out, Promise<?> promise) {
        return Settle.describe(promise).then(line -> {
            out.add(STORY, line);
            return line;
        });
    }

    private static String attempt(String what, String refusal) {
        return "Attempt(what=String \"" + what + "\", refusal=Problem " + refusal + ")";
    }

    @Test
    void theTradeAndTheRefusalsEndAlikeInOneJvmAndOverTls() {
        try (Harness harness = new Harness(List.of(TRADE))) {
            Verdict verdict = harness.check(TRADE);

            assertThat(verdict.outcomes().get(Mode.TLS).lines(STORY)).containsExactly(
                    "broken BadSturdyRef: sturdy ref captp://nonsense: no '@' after the vat id",
                    "broken NotOpen: Brick takes no payment yet",
                    "fulfilled Long 1000",
                    "fulfilled String \"acme dollars\"",
                    "broken AlreadyAccepting: Brick takes payment from one bank already",
                    "broken NoSuchItem: Brick sells no sofa (it sells bolt, widget)",
                    "fulfilled String \"Brick sold a widget for 30 acme dollars\"",
                    "fulfilled Long 970",
                    "fulfilled Long 30",
                    "fulfilled List ["
                            + attempt("ask the payment purse to mint 1000000", "NotCallable: Purse has no method makePurse") + ", "
                            + attempt("take 1000000 out of the payment, which held no more than the price",
                                    "InsufficientFunds: cannot move 1000000 acme dollars from a purse holding 0") + ", "
                            + attempt("deposit 1000000 from a purse of its own making", "NotOurMoney: the source is not a purse of acme dollars") + ", "
                            + attempt("ask the bank to mint 1000000", "NotCallable: Bank has no method makePurse") + "]",
                    "fulfilled Long 970",
                    "fulfilled Long 30");
            Transparency.require(verdict);
        }
    }
}
