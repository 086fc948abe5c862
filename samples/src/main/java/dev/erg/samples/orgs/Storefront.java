package dev.erg.samples.orgs;

import dev.erg.samples.money.Purse;
import dev.erg.server.spi.Network;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link Shop} with a fixed price list. All it ever holds of the bank's currency are
 * purses: its own account, opened at the bank it chose, and the payments handed to it.
 */
final class Storefront implements Shop {

    private static final long FORTUNE = 1_000_000;

    private final String name;
    private final Map<String, Long> prices;
    private final Vat vat;
    private final Network network;
    private Bank bank;
    private Purse account;
    private String currency;
    private Purse lastPayment;

    Storefront(String name, Map<String, Long> prices, Vat vat, Network network) {
        this.name = name;
        this.prices = Map.copyOf(prices);
        this.vat = vat;
        this.network = network;
    }

    @Override
    public Promise<String> acceptPaymentFrom(String bankRef) {
        if (bank != null) {
            // Another account would strand the money in the first.
            throw new ProblemException(Problem.of("AlreadyAccepting", "%s takes payment from one bank already", name));
        }
        bank = network.connect(SturdyText.parse(bankRef), Bank.class).as(Bank.class);
        Promise<Purse> opened = bank.openAccount();
        Promise<String> named = bank.currency();
        return opened.thenCompose(purse -> named.then(currencyName -> {
            account = purse;
            currency = currencyName;
            return currencyName;
        })).otherwise(problem -> {
            bank = null;
            throw new ProblemException(problem);
        });
    }

    @Override
    public Promise<Long> price(String item) {
        return Promise.of(priceOf(item));
    }

    private long priceOf(String item) {
        Long price = prices.get(item);
        if (price == null) {
            throw new ProblemException(Problem.of("NoSuchItem", "%s sells no %s (it sells %s)", name, item,
                    String.join(", ", prices.keySet().stream().sorted().toList())));
        }
        return price;
    }

    @Override
    public Promise<String> sell(String item, Purse payment) {
        if (account == null) {
            throw new ProblemException(Problem.of("NotOpen", "%s takes no payment yet", name));
        }
        long price = priceOf(item);
        return account.deposit(price, payment).then(balance -> {
            lastPayment = payment;
            return name + " sold a " + item + " for " + price + " " + currency;
        });
    }

    @Override
    public Promise<Long> takings() {
        if (account == null) {
            return Promise.of(0L);
        }
        return account.balance();
    }

    @Override
    public Promise<List<Attempt>> tryToMakeMoney() {
        if (lastPayment == null) {
            throw new ProblemException(Problem.of("NotOpen", "%s has not been paid yet", name));
        }
        Purse forged = vat.export(new ForgedPurse(FORTUNE), Purse.class);
        List<Attempt> attempts = new ArrayList<>();
        return attempt(attempts, "ask the payment purse to mint " + FORTUNE,
                () -> Ref.send(lastPayment, "makePurse", FORTUNE))
                .thenCompose(x -> attempt(attempts, "take " + FORTUNE + " out of the payment, which held no more than the price",
                        () -> account.deposit(FORTUNE, lastPayment)))
                .thenCompose(x -> attempt(attempts, "deposit " + FORTUNE + " from a purse of its own making",
                        () -> account.deposit(FORTUNE, forged)))
                .thenCompose(x -> attempt(attempts, "ask the bank to mint " + FORTUNE,
                        () -> Ref.send(bank, "makePurse", FORTUNE)))
                .then(x -> List.copyOf(attempts));
    }

    /** Tries {@code how}, and once it has an answer adds how it ended to {@code attempts}. */
    private static Promise<Boolean> attempt(List<Attempt> attempts, String what, Supplier<Promise<?>> how) {
        return how.get().then(worked -> attempts.add(new Attempt(what, null)))
                .otherwise(refused -> attempts.add(new Attempt(what, refused)));
    }
}
