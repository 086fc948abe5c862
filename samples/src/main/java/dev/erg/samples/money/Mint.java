package dev.erg.samples.money;

import dev.erg.vat.Promise;

/** The power to create a currency's money: whoever holds the mint can make purses with funds. */
public interface Mint {

    /** A new purse holding {@code amount} freshly minted units. */
    Promise<Purse> makePurse(long amount);
}
