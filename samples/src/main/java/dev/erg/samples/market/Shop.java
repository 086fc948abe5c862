package dev.erg.samples.market;

import dev.erg.samples.money.Purse;
import dev.erg.vat.Promise;

/** A seller's stall: sells an item for a payment in a purse of the seller's currency. */
public interface Shop {

    /**
     * Takes the price out of {@code payment} and answers a receipt; breaks if the payment is
     * not a purse of the right currency or holds too little.
     */
    Promise<String> buy(String item, Purse payment);
}
