package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alice holds a promise of Bob's and sends messages to it; Bob resolves it to Alice's own
 * object. The messages come back to it through Bob, and what Alice sends once she hears of the
 * resolution must not overtake them, even when the resolution reaches her first.
 */
class PromiseEmbargoTest {

    /** Bob's bootstrap: hands out a promise of his, in a list, that the test resolves later. */
    static final class Keeper extends EmbargoTest.Journal {
        final Deferred<Object> pending = Promise.defer();
        Object given;

        @Override
        public Promise<Object> echo(Object value) {
            given = value;
            return Promise.of(List.of(pending.promise()));
        }
    }

    private final EmbargoTest.Journal journal = new EmbargoTest.Journal();
    private final Keeper keeper = new Keeper();
    private SessionPair pair;
    private Account bob;
    private Account mine;

    @BeforeEach
    void connect() {
        pair = new SessionPair(keeper);
        bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
        mine = pair.alice.export(journal, Account.class);
    }

    @AfterEach
    void close() {
        pair.close();
    }

    /** Alice's promise for Bob's promise, which Bob will resolve to Alice's journal. */
    @SuppressWarnings("unchecked")
    private Promise<Object> bobsPromise() {
        Promise<Object> echoed = bob.echo(mine);
        List<Object> list = (List<Object>) pair.settle(echoed);
        return (Promise<Object>) list.getFirst();
    }

    /** Bob resolves his promise to Alice's journal; the fulfill is on its way to Alice. */
    private void bobResolvesToAlicesJournal() {
        keeper.pending.resolver().resolve(keeper.given);
        pair.scheduler.runUntilIdle();
    }

    @Test
    void messagesSentThroughAPromiseThatLoopsBackArriveBeforeLaterOnes() {
        Promise<Object> promise = bobsPromise();
        Account through = promise.as(Account.class);
        through.note("early 1");
        Promise<Long> early = through.deposit(10);
        through.note("early 2");
        pair.scheduler.runUntilIdle();

        bobResolvesToAlicesJournal();
        pair.deliverOneTo(pair.a);
        pair.scheduler.runUntilIdle();
        assertThat(promise.isSettled()).as("held back while the earlier messages travel").isFalse();
        int inFlight = pair.inFlight.size();
        through.note("late 1");
        Promise<Long> late = through.deposit(20);
        assertThat(pair.inFlight).as("later messages are held, not sent through Bob").hasSize(inFlight);
        pair.pump();
        assertThat(promise.isFulfilled()).isTrue();
        through.note("late 2");
        pair.pump();

        assertThat(journal.calls).containsExactly("early 1", "deposit 10", "early 2", "late 1", "deposit 20", "late 2");
        assertThat(early.join(java.time.Duration.ZERO)).isEqualTo(10L);
        assertThat(late.join(java.time.Duration.ZERO)).isEqualTo(30L);
        assertThat(pair.trace).contains("a>b DisembargoPromise", "b>a Disembargo");
    }

    @Test
    void aPromiseThatLoopsBackWithNothingSentToItIsNotEmbargoed() {
        Promise<Object> promise = bobsPromise();
        bobResolvesToAlicesJournal();
        pair.deliverOneTo(pair.a);
        pair.scheduler.runUntilIdle();
        assertThat(promise.isFulfilled()).isTrue();
        pair.pump();
        assertThat(pair.trace).doesNotContain("a>b DisembargoPromise");
    }

    @Test
    void losingTheSessionWhileEmbargoedBreaksThePromise() {
        Promise<Object> promise = bobsPromise();
        promise.as(Account.class).note("early");
        pair.scheduler.runUntilIdle();
        bobResolvesToAlicesJournal();
        pair.deliverOneTo(pair.a);
        pair.scheduler.runUntilIdle();

        Problem gone = new Problem(Problem.UNAVAILABLE, "connection to bob lost: reset");
        pair.a.lost(gone);
        pair.scheduler.runUntilIdle();
        assertThat(promise.problemOrNull()).isEqualTo(gone);
    }

    @Test
    void aDisembargoThroughAnObjectOfTheReceiversComesBackNamingNoExport() {
        pair.b.receive(new Message.DisembargoPromise(new Descriptor.Export(0), 3));
        pair.scheduler.runUntilIdle();
        assertThat(pair.inFlight).hasSize(1);
        assertThat(pair.codec.decode((byte[]) pair.inFlight.poll()[1], pair.a.decoder()))
                .isEqualTo(new Message.Disembargo(new Descriptor.Export(0), 3));
    }

    @Test
    void aDisembargoThroughAPositionNotHeldIsAProtocolError() {
        assertThatThrownBy(() -> pair.b.receive(new Message.DisembargoPromise(new Descriptor.Export(99), 0)))
                .isInstanceOf(ProtocolException.class);
    }
}
