package dev.erg.samples.orgs;

import dev.erg.samples.money.Currency;
import dev.erg.samples.money.Mint;
import dev.erg.samples.money.Purse;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;

/**
 * Makes the bank of Acme, the organization that issues acme dollars, as the maker
 * {@code bank}: {@value #SUPPLY} acme dollars are minted into its treasury at each start (the
 * vat-server keeps no state across restarts yet).
 */
public final class BankMaker implements ServiceMaker {

    /** The money in existence: all of it starts in the treasury. */
    public static final long SUPPLY = 1_000;

    /** The currency the bank issues. */
    public static final String CURRENCY = "acme dollars";

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public Object make(ServiceContext context) {
        Vat vat = context.vat();
        Mint mint = vat.export(new Currency(CURRENCY), Mint.class);
        // The mint is used once, to fill the treasury, and then dropped: the bank never holds it.
        Promise<Purse> treasury = mint.makePurse(SUPPLY);
        return vat.export(new IssuingBank(CURRENCY, treasury, context.network()), Bank.class);
    }
}
