package dev.erg.samples.orgs;

import dev.erg.samples.money.Purse;
import dev.erg.vat.Promise;
import java.util.List;

/** A shop of another organization, which sells for the currency of one bank it trusts. */
public interface Shop {

    /**
     * Takes payment, from now on, in the currency of the bank {@code bankRef} designates: the
     * shop dials the bank and opens an account there, its own purse of that currency, into
     * which it moves every payment. Answers the currency's name.
     */
    Promise<String> acceptPaymentFrom(String bankRef);

    /** The price of {@code item}; breaks with {@code NoSuchItem} if the shop does not sell it. */
    Promise<Long> price(String item);

    /**
     * Sells {@code item} for the price, taken from {@code payment} into the shop's account.
     * Taking it is the check: a deposit succeeds only from a genuine purse of the account's
     * currency that holds enough. Answers a receipt.
     */
    Promise<String> sell(String item, Purse payment);

    /** What the shop's account holds. */
    Promise<Long> takings();

    /**
     * For the demonstration: every way the shop can think of to come by money nobody paid it,
     * using only what it holds (its account, the last payment, the bank), each tried for real
     * against the bank, with how it ended.
     */
    Promise<List<Attempt>> tryToMakeMoney();
}
