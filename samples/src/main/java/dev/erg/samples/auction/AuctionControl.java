package dev.erg.samples.auction;

import dev.erg.vat.Promise;

/** The seller's side of one auction. */
public interface AuctionControl {

    /**
     * Invites {@code bidder}: answers the sturdy ref, as text, of a new {@link Bidder} facet
     * whose every bid is made in that name. The seller passes it on to that bidder (by mail,
     * say); whoever holds it bids as {@code bidder}, and nobody else can. Breaks with
     * {@code AlreadyInvited} if that name was invited before, {@code AuctionClosed} after
     * {@link #close()}.
     */
    Promise<String> invite(String bidder);

    /** Where the bidding stands. */
    Promise<Standing> standing();

    /**
     * Ends the bidding: no bid counts after this, and every invitation stops working. The item
     * goes to the highest bidder if the bid reached the reserve. Closing again answers the
     * same outcome.
     */
    Promise<Outcome> close();
}
