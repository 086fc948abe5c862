package dev.erg.samples.auction;

import dev.erg.vat.Passable;

/**
 * Where the bidding of one auction stands.
 *
 * @param item    what is sold
 * @param leader  who made the highest bid, or null if nobody has bid
 * @param highBid the highest bid, or 0 if nobody has bid
 * @param open    whether bids are still taken
 */
@Passable("erg.samples.auction.Standing")
public record Standing(String item, String leader, long highBid, boolean open) {

    @Override
    public String toString() {
        return leader == null ? "no bids for the " + item : leader + " leads with " + highBid + " for the " + item;
    }
}
