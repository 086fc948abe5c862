package dev.erg.samples.market;

import dev.erg.samples.money.Purse;
import dev.erg.vat.Promise;

/**
 * The seller's shop. The payment it is handed is a purse at the bank; the stall deposits from
 * it into the seller's own purse, so the bank moves the money and the buyer is not involved.
 */
final class Stall implements Shop {

    static final long PRICE = 30;

    private final Purse till;

    Stall(Purse till) {
        this.till = till;
    }

    @Override
    public Promise<String> buy(String item, Purse payment) {
        // The payment is on its way from the bank: the bank must be shown it once it has come,
        // so that it recognises one of its own purses.
        return Promise.<Object>of(payment)
                .thenCompose(arrived -> till.deposit(PRICE, payment))
                .then(balance -> "sold " + item + " for " + PRICE + "; the till holds " + balance);
    }
}
