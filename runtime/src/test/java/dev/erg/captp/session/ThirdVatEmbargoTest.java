package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alice sends messages to an answer, or a promise, of Bob's that Bob resolves to Carol's
 * journal: those messages reach Carol through Bob, while what Alice sends once she hears of
 * the resolution goes to Carol directly, over a link of its own. However slow the way through
 * Bob, the later messages must not overtake the earlier ones.
 */
class ThirdVatEmbargoTest {

    /** Bob's bootstrap: hands out a promise of his, as an answer or in a list, resolved later. */
    static final class Keeper extends EmbargoTest.Journal {
        final Deferred<Object> pending = Promise.defer();

        @Override
        @SuppressWarnings("unchecked")
        public Promise<Account> sibling() {
            return (Promise<Account>) (Promise<?>) pending.promise();
        }

        @Override
        public Promise<Object> echo(Object value) {
            return Promise.of(List.of(pending.promise()));
        }
    }

    private final EmbargoTest.Journal carols = new EmbargoTest.Journal();
    private final Keeper keeper = new Keeper();
    private final Triangle t = new Triangle(vat -> vat.export(new EmbargoTest.Journal(), Account.class),
            vat -> vat.export(keeper, Account.class), vat -> vat.export(carols, Account.class));
    private final Account bob = (Account) Refs.asType(t.alice.to(t.bob).peerBootstrap(), Account.class);

    @AfterEach
    void close() {
        t.close();
    }

    /** Alice's reference through Bob: the answer to a question she pipelines to. */
    private Account throughAnAnswer() {
        return bob.sibling().as(Account.class);
    }

    /** Alice's reference through Bob: a promise of his she imported. */
    @SuppressWarnings("unchecked")
    private Account throughAPromise() {
        List<Object> list = (List<Object>) t.settle(bob.echo(0L));
        return ((Promise<Object>) list.getFirst()).as(Account.class);
    }

    /**
     * Bob resolves to Carol's journal, depositing the gift for Alice with Carol, while Alice
     * sends two messages through Bob: they follow the gift to Carol, over a link that is slow
     * after the gift. Alice hears of the resolution, withdraws the gift from Carol and sends a
     * third message, before the way through Bob delivers the first two.
     */
    private Promise<Long> raceThroughBob(Function<ThirdVatEmbargoTest, Account> reference) {
        Account through = reference.apply(this);
        t.pump();
        t.hold(t.bob, t.alice);
        t.hold(t.bob, t.carol);
        keeper.pending.resolver().resolve(t.bob.to(t.carol).peerBootstrap());
        through.note("1");
        Promise<Long> second = through.deposit(2);
        t.pump();
        t.deliverOne(t.bob, t.carol);
        assertThat(t.trace).last().as("the gift goes first").isEqualTo("bob>carol DeliverOnly deposit-gift");
        t.release(t.bob, t.alice);
        t.pump();
        assertThat(t.trace).as("Alice withdrew the gift").contains("alice>carol Deliver withdraw-gift");
        through.note("3");
        t.pump();
        return second;
    }

    @Test
    void messagesPipelinedToAnAnswerThatLeadsToAThirdVatArriveBeforeLaterOnes() {
        Promise<Long> second = raceThroughBob(ThirdVatEmbargoTest::throughAnAnswer);
        assertThat(carols.calls).as("nothing overtook the way through Bob").isEmpty();

        t.release(t.bob, t.carol);
        t.pump();
        assertThat(carols.calls).containsExactly("1", "deposit 2", "3");
        assertThat(second.join(java.time.Duration.ZERO)).isEqualTo(2L);
        assertThat(t.trace).containsSubsequence("alice>bob Disembargo", "bob>carol DisembargoPromise",
                "carol>bob Disembargo", "bob>alice Disembargo", "alice>carol DeliverOnly note");
    }

    @Test
    void messagesSentToAPromiseThatLeadsToAThirdVatArriveBeforeLaterOnes() {
        raceThroughBob(ThirdVatEmbargoTest::throughAPromise);
        assertThat(carols.calls).isEmpty();

        t.release(t.bob, t.carol);
        t.pump();
        assertThat(carols.calls).containsExactly("1", "deposit 2", "3");
        assertThat(t.trace).containsSubsequence("alice>bob DisembargoPromise", "bob>carol DisembargoPromise",
                "carol>bob Disembargo", "bob>alice Disembargo");
    }

    @Test
    void whenTheWayThroughBobBreaksTheEarlierMessagesBreakAndLaterOnesGoOn() {
        Promise<Long> second = raceThroughBob(ThirdVatEmbargoTest::throughAnAnswer);
        Problem cut = Problem.of(Problem.UNAVAILABLE, "link cut");
        t.bob.to(t.carol).lost(cut);
        t.pump();
        assertThat(carols.calls).as("what went through Bob is lost with the link; nothing waits for it")
                .containsExactly("3");
        assertThat(second.problemOrNull()).isEqualTo(cut);
    }

    @Test
    void anAnswerThatLeadsToAThirdVatButWasNeverPipelinedToIsNotHeld() {
        Promise<Account> answer = bob.sibling();
        t.pump();
        keeper.pending.resolver().resolve(t.bob.to(t.carol).peerBootstrap());
        Account journal = t.settle(answer);
        journal.note("direct");
        t.pump();
        assertThat(carols.calls).containsExactly("direct");
        assertThat(t.trace).noneMatch(line -> line.contains("Disembargo"));
    }
}
