package dev.erg.samples.money;

import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.ProblemException;

/**
 * E's mint-and-purse money, in a few lines: all purses of one currency live in the mint's
 * vat. A purse that comes back as the source of a deposit arrives here as the near object
 * again, so the mint can check that it is one of its own; a forged purse, or one of another
 * currency, arrives as an eventual reference and is refused.
 */
public final class Currency implements Mint {

    private final String name;

    public Currency(String name) {
        this.name = name;
    }

    @Override
    public Promise<Purse> makePurse(long amount) {
        if (amount < 0) {
            throw new ProblemException("BadAmount", "cannot mint " + amount + " " + name);
        }
        return Promise.of(new Account(amount));
    }

    /** A purse of this currency; only this currency's vat ever touches its balance. */
    private final class Account implements Purse {
        private long balance;

        Account(long balance) {
            this.balance = balance;
        }

        @Override
        public Promise<Long> balance() {
            return Promise.of(balance);
        }

        @Override
        public Promise<Purse> sprout() {
            return Promise.of(new Account(0));
        }

        @Override
        public Promise<Long> deposit(long amount, Purse source) {
            // A purse handed on through another vat may still be on its way: recognise it once it is here.
            return Ref.whenResolved(source).thenCompose(arrived -> move(amount, arrived));
        }

        private Promise<Long> move(long amount, Purse source) {
            if (!(source instanceof Account from) || from.currency() != Currency.this) {
                throw new ProblemException("NotOurMoney", "the source is not a purse of " + name);
            }
            if (amount < 0 || amount > from.balance) {
                throw new ProblemException("InsufficientFunds",
                        "cannot move " + amount + " " + name + " from a purse holding " + from.balance);
            }
            from.balance -= amount;
            balance += amount;
            return Promise.of(balance);
        }

        private Currency currency() {
            return Currency.this;
        }
    }
}
