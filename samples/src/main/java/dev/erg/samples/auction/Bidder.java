package dev.erg.samples.auction;

import dev.erg.vat.Promise;

/**
 * A bidder's side of one auction, bound to the name the seller invited: it has no way to bid
 * in another name, nor to invite anyone, nor to close the auction.
 */
public interface Bidder {

    /**
     * Bids {@code amount} in this facet's name; answers the new standing. Breaks with
     * {@code BidTooLow} unless the bid reaches the reserve and beats the highest bid, and with
     * {@code AuctionClosed} once the auction is closed.
     */
    Promise<Standing> bid(long amount);

    /** Where the bidding stands. */
    Promise<Standing> standing();
}
