package dev.erg.samples.auction;

import dev.erg.vat.Promise;

/**
 * A {@link BidAgent} that knows only the price it was told when it was made: it does not ask
 * where the bidding stands before it raises, so a bid made by someone else meanwhile makes
 * its raise too low.
 */
final class RaisingAgent implements BidAgent {

    private final Bidder bidder;
    private final long lastSeen;

    RaisingAgent(Bidder bidder, long lastSeen) {
        this.bidder = bidder;
        this.lastSeen = lastSeen;
    }

    @Override
    public Promise<Standing> raise(long step) {
        return bidder.bid(lastSeen + step);
    }
}
