package dev.erg.samples.auction;

import dev.erg.vat.Promise;

/** Bids on someone's behalf, through the {@link Bidder} facet it was given. */
public interface BidAgent {

    /**
     * Bids {@code step} more than the highest bid this agent last saw; answers the new
     * standing, or breaks as the bid does ({@code BidTooLow} if someone has bid more since).
     */
    Promise<Standing> raise(long step);
}
