package dev.erg.samples.auction;

import dev.erg.captp.SturdyRef;
import dev.erg.server.spi.Network;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One auction, and the facets that divide the authority over it: one {@link AuctionControl}
 * for the seller and one {@link Bidder} per invited name. The state is shared by the facets
 * and reachable through nothing else; each facet exposes only its interface's methods, so
 * holding one grants exactly what that interface says. All of it lives in the house's vat.
 */
final class Auction {

    private final String item;
    private final long reserve;
    private final Vat vat;
    private final Network network;
    private final Map<String, SturdyRef> invitations = new LinkedHashMap<>();
    private String leader;
    private long highBid;
    private Outcome outcome;

    Auction(String item, long reserve, Vat vat, Network network) {
        this.item = item;
        this.reserve = reserve;
        this.vat = vat;
        this.network = network;
    }

    /** The seller's facet. */
    AuctionControl control() {
        return new Control();
    }

    private Standing standing() {
        return new Standing(item, leader, highBid, outcome == null);
    }

    private void requireOpen() {
        if (outcome != null) {
            throw new ProblemException(Problem.of("AuctionClosed", "the auction of the %s is closed: %s", item, outcome));
        }
    }

    private final class Control implements AuctionControl {

        @Override
        public Promise<String> invite(String bidder) {
            requireOpen();
            if (invitations.containsKey(bidder)) {
                throw new ProblemException(Problem.of("AlreadyInvited", "%s was invited already", bidder));
            }
            SturdyRef invitation = network.sturdyRef(vat.export(new Facet(bidder), Bidder.class));
            invitations.put(bidder, invitation);
            return Promise.of(invitation.toString());
        }

        @Override
        public Promise<Standing> standing() {
            return Promise.of(Auction.this.standing());
        }

        @Override
        public Promise<Outcome> close() {
            if (outcome == null) {
                outcome = highBid >= reserve && leader != null ? new Outcome(item, leader, highBid) : new Outcome(item, null, 0);
                invitations.values().forEach(network::revoke);
            }
            return Promise.of(outcome);
        }
    }

    /** A bidder's facet: {@code name} is fixed when the seller invites, and every bid is made in it. */
    private final class Facet implements Bidder {

        private final String name;

        Facet(String name) {
            this.name = name;
        }

        @Override
        public Promise<Standing> bid(long amount) {
            requireOpen();
            if (amount < reserve || amount <= highBid) {
                throw new ProblemException(Problem.of("BidTooLow", "%s bid %d for the %s; a bid must reach %d and beat %d",
                        name, amount, item, reserve, highBid));
            }
            leader = name;
            highBid = amount;
            return Promise.of(Auction.this.standing());
        }

        @Override
        public Promise<Standing> standing() {
            return Promise.of(Auction.this.standing());
        }
    }
}
