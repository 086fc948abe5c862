package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.ocapn.syrup.Tagged;
import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registered records and enums between two OCapN nodes over {@code tcp-testing-only}: a quote
 * answered and passed back, a record holding a reference that is called through, and a node
 * that has not registered them, which receives the tagged values themselves.
 */
class OcapnRegisteredValuesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A currency. */
    @Passable("test.Currency")
    public enum Currency { EUR, USD }

    /** A price for an item. */
    @Passable("test.Quote")
    public record Quote(String item, int cents, Currency currency) {
    }

    /** An item and the shop that sells it. */
    @Passable("test.Listing")
    public record Listing(String item, Shop shop) {
    }

    /** Quotes prices and confirms them. */
    public interface Shop {
        Promise<Quote> quote(String item);

        Promise<Listing> listing(String item);

        Promise<String> confirm(Quote quote);
    }

    /** The shop as a node without the registry sees it. */
    public interface AnyShop {
        Promise<Object> quote(String item);

        Promise<String> confirm(Object quote);
    }

    private static final PassableRegistry REGISTRY = PassableRegistry.of(Currency.class, Quote.class, Listing.class);

    private final VatRuntime runtime = VatRuntime.create();
    private OcapnNode seller;
    private OcapnNode buyer;
    private OcapnNode stranger;
    private String shopRef;

    @BeforeEach
    void start() throws InterruptedException {
        seller = OcapnNode.start(runtime, WireLimits.defaults(), REGISTRY);
        buyer = OcapnNode.start(runtime, WireLimits.defaults(), REGISTRY);
        stranger = OcapnNode.start(runtime, WireLimits.defaults());
        seller.listen(new InetSocketAddress("127.0.0.1", 0));
        Shop[] self = new Shop[1];
        Shop shop = new Shop() {
            @Override
            public Promise<Quote> quote(String item) {
                return Promise.of(new Quote(item, item.length() * 100, Currency.EUR));
            }

            @Override
            public Promise<Listing> listing(String item) {
                return Promise.of(new Listing(item, self[0]));
            }

            @Override
            public Promise<String> confirm(Quote quote) {
                return Promise.of(quote.item() + " for " + quote.cents() + " " + quote.currency());
            }
        };
        self[0] = runtime.newVat("shop").export(shop, Shop.class);
        shopRef = seller.sturdyRef(self[0]);
    }

    @AfterEach
    void stop() {
        seller.close();
        buyer.close();
        stranger.close();
        runtime.close();
    }

    @Test
    void aRecordAndItsEnumCrossAndComeBackAsThemselves() {
        Shop shop = buyer.fetch(shopRef, Shop.class).join(WAIT);
        Quote quote = shop.quote("tea").join(WAIT);
        assertThat(quote).isEqualTo(new Quote("tea", 300, Currency.EUR));
        assertThat(shop.confirm(new Quote("cake", 450, Currency.USD)).join(WAIT)).isEqualTo("cake for 450 USD");
    }

    @Test
    void aRecordHoldingAReferenceIsCalledThrough() {
        Shop shop = buyer.fetch(shopRef, Shop.class).join(WAIT);
        Listing listing = shop.listing("jam").join(WAIT);
        assertThat(listing.item()).isEqualTo("jam");
        assertThat(listing.shop().quote("bread").join(WAIT)).isEqualTo(new Quote("bread", 500, Currency.EUR));
    }

    @Test
    void aNodeWithoutTheRegistryReceivesTaggedValuesAndItsOwnAreRefusedByName() {
        AnyShop shop = stranger.fetch(shopRef, AnyShop.class).join(WAIT);
        Tagged right = new Tagged("test.Quote", List.of("tea", 300L, currency("EUR")));
        assertThat(shop.quote("tea").join(WAIT)).isEqualTo(right);
        Tagged wrong = new Tagged("test.Quote", List.of("tea", 300L, currency("GBP")));
        assertThatThrownBy(() -> shop.confirm(wrong).join(WAIT)).isInstanceOfSatisfying(ProblemException.class,
                e -> {
                    assertThat(e.problem().kind()).isEqualTo(Problem.NOT_PASSABLE);
                    assertThat(e.problem().message()).contains("enum test.Currency has no constant \"GBP\"");
                });
        assertThat(shop.confirm(right).join(WAIT)).as("the tagged value is the record to the seller")
                .isEqualTo("tea for 300 EUR");
    }

    private static Tagged currency(String constant) {
        return new Tagged("test.Currency", new Symbol(constant));
    }
}
