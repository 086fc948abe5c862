package dev.erg.transparency;

import dev.erg.transparency.SendScenarios.Counter;
import dev.erg.transparency.SendScenarios.Tally;
import dev.erg.vat.Passable;
import dev.erg.vat.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records and enums marked {@code @Passable}, as arguments and as results. */
final class PassableScenarios {

    private PassableScenarios() {
    }

    /** A suit of cards. */
    @Passable("transparency.Suit")
    public enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

    /** A card. */
    @Passable("transparency.Card")
    public record Card(Suit suit, int rank) {
    }

    /** A player's cards and scores. */
    @Passable("transparency.Hand")
    public record Hand(String player, List<Card> cards, Map<String, Long> scores) {
    }

    /** A record holding a reference. */
    @Passable("transparency.Ticket")
    public record Ticket(String label, Counter counter) {
    }

    /** Marked passable but registered with no node. */
    @Passable("transparency.Unregistered")
    public record Unregistered(String text) {
    }

    /** Deals in records and enums. */
    public interface Dealer {
        Promise<Card> card(Suit suit, int rank);

        Promise<Suit> next(Suit suit);

        Promise<Hand> add(Hand hand, Card card);

        Promise<Long> punch(Ticket ticket);

        Promise<Object> echo(Object value);
    }

    static final class Croupier implements Dealer {
        @Override
        public Promise<Card> card(Suit suit, int rank) {
            return Promise.of(new Card(suit, rank));
        }

        @Override
        public Promise<Suit> next(Suit suit) {
            return Promise.of(Suit.values()[(suit.ordinal() + 1) % Suit.values().length]);
        }

        @Override
        public Promise<Hand> add(Hand hand, Card card) {
            List<Card> cards = new ArrayList<>(hand.cards());
            cards.add(card);
            return Promise.of(new Hand(hand.player(), cards, hand.scores()));
        }

        @Override
        public Promise<Long> punch(Ticket ticket) {
            return ticket.counter().increment(1);
        }

        @Override
        public Promise<Object> echo(Object value) {
            return Promise.of(value);
        }
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("records and enums as arguments and results", (w, out) -> {
                    Dealer dealer = w.share("bob", new Croupier(), Dealer.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Hand hand = new Hand("alice", List.of(new Card(Suit.HEARTS, 12)), Map.of("round 1", 3L));
                        return Settle.inOrder(out, "answers", List.of(
                                dealer.card(Suit.SPADES, 1),
                                dealer.next(Suit.SPADES),
                                dealer.add(hand, new Card(Suit.CLUBS, 2)),
                                dealer.echo(Suit.DIAMONDS),
                                dealer.echo(new Card(Suit.CLUBS, 13))));
                    });
                }).passing(Suit.class, Card.class, Hand.class),
                Scenario.of("a record holding a reference", (w, out) -> {
                    Dealer dealer = w.share("bob", new Croupier(), Dealer.class, "alice");
                    Counter counter = w.vat("alice").export(new Tally(out, "alice's counter"), Counter.class);
                    return w.vat("alice").callPromise(() ->
                            Settle.inOrder(out, "answers", List.of(dealer.punch(new Ticket("t", counter)),
                                    dealer.punch(new Ticket("u", counter)))));
                }).passing(Ticket.class),
                Scenario.of("values through an Object parameter", (w, out) -> {
                    Dealer dealer = w.share("bob", new Croupier(), Dealer.class, "alice");
                    return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(
                            dealer.echo(3), dealer.echo((short) 3), dealer.echo((byte) 3), dealer.echo('c'),
                            dealer.echo(1.5f), dealer.echo(java.math.BigInteger.TWO), dealer.echo(List.of(1, 2)),
                            dealer.echo(3L), dealer.echo(1.5), dealer.echo("text"), dealer.echo(true))));
                }).stating(Mode.TLS, "answers", List.of("fulfilled Long 3", "fulfilled Long 3", "fulfilled Long 3",
                                "fulfilled String \"c\"", "fulfilled Double 1.5", "fulfilled Long 2",
                                "fulfilled List [Long 1, Long 2]", "fulfilled Long 3", "fulfilled Double 1.5",
                                "fulfilled String \"text\"", "fulfilled Boolean true"),
                        "where a method declares Object, nothing says which Java type to rebuild: the wire has one"
                                + " integer type (Long, or BigInteger beyond 64 bits), one floating type (Double), and"
                                + " carries a char as a String"),
                Scenario.of("a record no node registered", (w, out) -> {
                    Dealer dealer = w.share("bob", new Croupier(), Dealer.class, "alice");
                    return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(
                            dealer.echo(new Unregistered("secret")), dealer.echo("after"))));
                }).stating(Mode.TLS, "answers", List.of("broken NotPassable: *", "fulfilled String \"after\""),
                        "within one JVM every @Passable record crosses; a node passes only those in its registry"));
    }
}
