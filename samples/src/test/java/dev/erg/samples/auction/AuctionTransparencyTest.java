package dev.erg.samples.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.samples.transparency.SturdyTable;
import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Settle;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The auction with the house, the seller and three would-be bidders as five vats: in one JVM,
 * each behind its own node over TLS, and on the deterministic scheduler. The seller's
 * invitations are sturdy refs as text, which a {@link SturdyTable} of the house's vat issues
 * and revokes and a {@link Door} there opens, as a vat-server's node would; the bidder facet
 * comes back through the door as a reference. Every bid, and every refusal of what someone
 * holds no capability for, ends alike in every mode.
 */
class AuctionTransparencyTest {

    /** How an invitation is used: the house's answer to a sturdy ref, as its node gives. */
    public interface Door {
        /** The bidder facet {@code invitation} designates; broken with {@code NotFound} once revoked. */
        Promise<Bidder> enter(String invitation);
    }

    /** A would-be bidder, in a vat of its own, who does what the seller's story tells it to. */
    public interface Party {
        /** Enters the auction by {@code invitation}; answers the standing its facet shows. */
        Promise<Standing> accept(String invitation);

        /** Bids {@code amount} through the facet it entered by. */
        Promise<Standing> bid(long amount);

        /** Asks its facet for {@code method} with {@code args}, which a bidder facet does not offer. */
        Promise<Object> overstep(String method, List<Object> args);
    }

    static final class Bidding implements Party {
        private final Door door;
        private Bidder facet;

        Bidding(Door door) {
            this.door = door;
        }

        @Override
        public Promise<Standing> accept(String invitation) {
            return door.enter(invitation).thenCompose(entered -> {
                facet = entered;
                return entered.standing();
            });
        }

        @Override
        public Promise<Standing> bid(long amount) {
            return facet.bid(amount);
        }

        @Override
        public Promise<Object> overstep(String method, List<Object> args) {
            return Ref.send(facet, method, args.toArray());
        }
    }

    private static final String STORY = "story";

    private static final Scenario AUCTION = Scenario.of("auction: a violin sold to the highest invited bidder", (w, out) -> {
        Vat houseVat = w.vat("house");
        SturdyTable invitations = new SturdyTable("house");
        AuctionHouse house = w.share("house",
                (item, reserve) -> Promise.of(new Auction(item, reserve, houseVat, invitations).control()),
                AuctionHouse.class, "seller");
        Door door = invitation -> {
            try {
                return invitations.connect(SturdyRef.parse(invitation), Bidder.class);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.of("BadSturdyRef", "%s", e.getMessage()));
            }
        };
        Party alice = w.share("alice", new Bidding(w.share("house", door, Door.class, "alice")), Party.class, "seller");
        Party bob = w.share("bob", new Bidding(w.share("house", door, Door.class, "bob")), Party.class, "seller");
        Party mallory = w.share("mallory", new Bidding(w.share("house", door, Door.class, "mallory")), Party.class,
                "seller");
        return w.vat("seller").callPromise(() -> house.open("violin", 100).thenCompose(control ->
                control.invite("alice").thenCompose(aliceInvitation -> control.invite("bob").thenCompose(bobInvitation ->
                        step(out, alice.accept(aliceInvitation))
                                .thenCompose(x -> step(out, bob.accept(bobInvitation)))
                                .thenCompose(x -> step(out, alice.bid(100)))
                                .thenCompose(x -> step(out, bob.bid(120)))
                                .thenCompose(x -> step(out, alice.bid(110)))
                                .thenCompose(x -> step(out, alice.bid(150)))
                                .thenCompose(x -> step(out, alice.overstep("close", List.of())))
                                .thenCompose(x -> step(out, alice.overstep("invite", List.of("mallory"))))
                                .thenCompose(x -> step(out, alice.overstep("bid", List.of(200L, "bob"))))
                                .thenCompose(x -> step(out, control.invite("alice")))
                                .thenCompose(x -> step(out, mallory.accept(guess(aliceInvitation))))
                                .thenCompose(x -> step(out, control.close()))
                                .thenCompose(x -> step(out, bob.bid(200)))
                                .thenCompose(x -> step(out, bob.accept(bobInvitation)))
                                .thenCompose(x -> step(out, control.invite("carol")))
                                .thenCompose(x -> step(out, control.close()))))));
    }).passing(Standing.class, Outcome.class);

    /** An invitation of the house's vat with a swiss number nobody issued. */
    private static String guess(String invitation) {
        SturdyRef real = SturdyRef.parse(invitation);
        byte[] swiss = new byte[SwissNumber.LENGTH];
        Arrays.fill(swiss, (byte) 7);
        return new SturdyRef(real.vatId(), real.hints(), SwissNumber.fromBytes(swiss)).toString();
    }

    private static Promise<String> step(dev.erg.transparency.Outcome out, Promise<?> promise) {
        return Settle.describe(promise).then(line -> {
            out.add(STORY, line);
            return line;
        });
    }

    private static String standing(String leader, long highBid, boolean open) {
        return "fulfilled Standing(item=String \"violin\", leader=" + (leader == null ? "null" : "String \"" + leader + "\"")
                + ", highBid=Long " + highBid + ", open=Boolean " + open + ")";
    }

    @Test
    void theBiddingAndTheRefusalsEndAlikeInOneJvmAndOverTls() {
        try (Harness harness = new Harness(List.of(AUCTION))) {
            Verdict verdict = harness.check(AUCTION);

            assertThat(verdict.outcomes().get(Mode.TLS).lines(STORY)).containsExactly(
                    standing(null, 0, true),
                    standing(null, 0, true),
                    standing("alice", 100, true),
                    standing("bob", 120, true),
                    "broken BidTooLow: alice bid 110 for the violin; a bid must reach 100 and beat 120",
                    standing("alice", 150, true),
                    "broken NotCallable: Bidder has no method close",
                    "broken NotCallable: Bidder has no method invite",
                    "broken NotCallable: Bidder.bid takes 1 argument, given 2",
                    "broken AlreadyInvited: alice was invited already",
                    "broken NotFound: no object is known by that sturdy ref",
                    "fulfilled Outcome(item=String \"violin\", winner=String \"alice\", price=Long 150)",
                    "broken AuctionClosed: the auction of the violin is closed: the violin goes to alice for 150",
                    "broken NotFound: no object is known by that sturdy ref",
                    "broken AuctionClosed: the auction of the violin is closed: the violin goes to alice for 150",
                    "fulfilled Outcome(item=String \"violin\", winner=String \"alice\", price=Long 150)");
            Transparency.require(verdict);
        }
    }
}
