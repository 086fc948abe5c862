package dev.erg.samples.orgs;

import dev.erg.samples.money.Purse;
import dev.erg.vat.Promise;

/** A purse that claims to hold a fortune, made by someone who has no mint. */
final class ForgedPurse implements Purse {

    private final long claimed;

    ForgedPurse(long claimed) {
        this.claimed = claimed;
    }

    @Override
    public Promise<Long> balance() {
        return Promise.of(claimed);
    }

    @Override
    public Promise<Purse> sprout() {
        return Promise.of(new ForgedPurse(0));
    }

    @Override
    public Promise<Long> deposit(long amount, Purse source) {
        return Promise.of(claimed);
    }
}
