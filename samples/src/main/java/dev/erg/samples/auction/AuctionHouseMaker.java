package dev.erg.samples.auction;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * Makes {@link AuctionHouse}s, as the maker {@code auction-house}. Its auctions, and the
 * invitations to them, last until the server stops.
 */
public final class AuctionHouseMaker implements ServiceMaker {

    @Override
    public String name() {
        return "auction-house";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Standing.class, Outcome.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.vat().export((item, reserve) ->
                Promise.of(new Auction(item, reserve, context.vat(), context.network()).control()), AuctionHouse.class);
    }
}
