package dev.erg.samples.orgs;

import dev.erg.samples.money.Purse;
import dev.erg.vat.Promise;

/**
 * The bank of the organization that issues a currency, as its partners and its own operators
 * reach it. The bank keeps the currency's {@link dev.erg.samples.money.Mint} to itself: no
 * method answers it, so no holder of the bank can make money.
 */
public interface Bank {

    /** The name of the currency, such as {@code "acme dollars"}. */
    Promise<String> currency();

    /**
     * A new, empty purse of the currency, for a partner that wants to be paid in it. Giving it
     * away gives no money; the partner trusts it because it came from this bank, reached by a
     * sturdy ref that names the bank's key.
     */
    Promise<Purse> openAccount();

    /**
     * Buys {@code item} from the shop that {@code shopRef} designates, paying from the
     * treasury: the bank asks the price, fills a new purse with it and hands that purse to the
     * shop, which answers a receipt.
     */
    Promise<String> buy(String shopRef, String item);

    /** What the treasury holds. */
    Promise<Long> treasury();
}
