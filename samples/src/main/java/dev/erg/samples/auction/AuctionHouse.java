package dev.erg.samples.auction;

import dev.erg.vat.Promise;

/** Where auctions are opened: anyone who holds the house may sell something. */
public interface AuctionHouse {

    /**
     * Opens an auction of {@code item}, which sells only for {@code reserve} or more, and
     * answers its control: the seller's capability, and the only way to invite bidders and to
     * close the auction.
     */
    Promise<AuctionControl> open(String item, long reserve);
}
