package dev.erg.samples.orgs;

import dev.erg.samples.money.Purse;
import dev.erg.server.spi.Network;
import dev.erg.vat.Promise;

/**
 * A {@link Bank} whose treasury holds all the money its currency's mint made, and which keeps
 * no reference to the mint at all. Payments are purses sprouted from the treasury and filled
 * from it: the money moves, none is made.
 */
final class IssuingBank implements Bank {

    private final String currency;
    private final Network network;
    private final Promise<Purse> treasury;

    /** A bank whose {@code treasury} is a purse of its vat, of the currency {@code currency}. */
    IssuingBank(String currency, Promise<Purse> treasury, Network network) {
        this.currency = currency;
        this.treasury = treasury;
        this.network = network;
    }

    @Override
    public Promise<String> currency() {
        return Promise.of(currency);
    }

    @Override
    public Promise<Purse> openAccount() {
        return treasury.thenCompose(Purse::sprout);
    }

    @Override
    public Promise<String> buy(String shopRef, String item) {
        Shop shop = network.connect(SturdyText.parse(shopRef), Shop.class).as(Shop.class);
        // Asked through the promise for the shop: the question leaves before the shop is reached.
        Promise<Long> price = shop.price(item);
        return treasury.thenCompose(from -> price.thenCompose(amount -> from.sprout().thenCompose(payment ->
                payment.deposit(amount, from).thenCompose(filled -> settle(shop.sell(item, payment), from, payment)))));
    }

    /**
     * Once the shop has answered, either way, takes back into the treasury whatever it left in
     * the payment (all of it if it refused the sale); then answers as the shop did.
     */
    private static Promise<String> settle(Promise<String> receipt, Purse treasury, Purse payment) {
        Promise<Long> reclaimed = receipt.then(answered -> 0L).otherwise(refused -> 0L)
                .thenCompose(ignored -> payment.balance())
                .thenCompose(left -> left > 0 ? treasury.deposit(left, payment) : Promise.of(0L));
        return reclaimed.thenCompose(ignored -> receipt);
    }

    @Override
    public Promise<Long> treasury() {
        return treasury.thenCompose(Purse::balance);
    }
}
