package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alice pipelines messages to the answer of a question to Bob, and Bob answers with Alice's own
 * object: the messages come back to it through Bob, and what Alice sends after the answer
 * arrives must not overtake them.
 */
class EmbargoTest {

    /** Alice's object that Bob's answer loops back to: it records every call, in order. */
    static class Journal implements Account {
        final List<String> calls = new ArrayList<>();
        long balance;

        @Override
        public Promise<Long> deposit(long amount) {
            calls.add("deposit " + amount);
            balance += amount;
            return Promise.of(balance);
        }

        @Override
        public Promise<Long> balance() {
            calls.add("balance");
            return Promise.of(balance);
        }

        @Override
        public Promise<Account> sibling() {
            throw new ProblemException(new Problem("Refused", "no siblings"));
        }

        @Override
        public Promise<Object> echo(Object value) {
            return Promise.of(value);
        }

        @Override
        public Promise<Long> fail(String why) {
            throw new ProblemException(new Problem("Refused", why));
        }

        @Override
        public void note(String text) {
            calls.add(text);
        }
    }

    private final Journal journal = new Journal();
    private SessionPair pair;
    private Account bob;
    private Account mine;

    @BeforeEach
    void connect() {
        pair = new SessionPair(new Ledger());
        bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
        mine = pair.alice.export(journal, Account.class);
    }

    @AfterEach
    void close() {
        pair.close();
    }

    /**
     * Alice asks Bob to echo her journal; Bob answers, and the fulfill is on its way to Alice.
     * What she pipelines to the answer now reaches Bob after he answered, so he sends it back
     * to her journal behind the fulfill.
     */
    private Promise<Object> echoedButNotArrived() {
        Promise<Object> echoed = bob.echo(mine);
        pair.deliverOne();
        pair.scheduler.runUntilIdle();
        assertThat(pair.inFlight).as("only the fulfill, to Alice").hasSize(1);
        return echoed;
    }

    @Test
    void messagesSentAroundAnAnswerThatLoopsBackArriveInTheOrderSent() {
        Promise<Object> echoed = echoedButNotArrived();
        Account back = echoed.as(Account.class);
        back.note("pipelined 1");
        Promise<Long> first = back.deposit(10);
        back.note("pipelined 2");

        pair.deliverOne();
        assertThat(echoed.isSettled()).as("held back while the pipelined messages travel").isFalse();
        int inFlight = pair.inFlight.size();
        back.note("held 1");
        Promise<Long> second = back.deposit(20);
        back.note("held 2");
        assertThat(pair.inFlight).as("held messages are not sent").hasSize(inFlight);

        pair.pump();
        assertThat(echoed.isFulfilled()).isTrue();
        back.note("after");
        pair.pump();

        assertThat(journal.calls).containsExactly(
                "pipelined 1", "deposit 10", "pipelined 2", "held 1", "deposit 20", "held 2", "after");
        assertThat(first.join(Duration.ZERO)).isEqualTo(10L);
        assertThat(second.join(Duration.ZERO)).isEqualTo(30L);
        assertThat(pair.trace).contains("a>b Disembargo", "b>a Disembargo");
        assertThat(pair.a.tableSizes()[2]).as("alice's questions").isZero();
        assertThat(pair.b.tableSizes()[3]).as("bob's answers").isZero();
    }

    @Test
    void losingTheSessionWhileEmbargoedBreaksTheAnswerAndTheHeldMessages() {
        Promise<Object> echoed = echoedButNotArrived();
        Account back = echoed.as(Account.class);
        back.note("pipelined");
        pair.deliverOne();
        Promise<Long> held = back.deposit(20);

        Problem gone = new Problem(Problem.UNAVAILABLE, "connection to bob lost: reset");
        pair.a.lost(gone);
        pair.scheduler.runUntilIdle();

        assertThat(held.problemOrNull()).isEqualTo(gone);
        assertThat(echoed.problemOrNull()).isEqualTo(gone);
        assertThat(back.balance().problemOrNull()).isEqualTo(gone);
        assertThat(journal.calls).isEmpty();
    }

    @Test
    void anAnswerThatLoopsBackWithNothingPipelinedToItIsNotEmbargoed() {
        Promise<Object> echoed = echoedButNotArrived();
        pair.deliverOne();
        assertThat(echoed.isFulfilled()).isTrue();
        pair.pump();
        assertThat(pair.trace).containsExactly("a>b Deliver", "b>a DeliverOnly", "a>b GcAnswers");
    }

    @Test
    void anAnswerThatIsThePeersOwnObjectIsNotEmbargoed() {
        Promise<Account> sibling = bob.sibling();
        pair.deliverOne();
        pair.scheduler.runUntilIdle();
        Account pipelined = sibling.as(Account.class);
        Promise<Long> first = pipelined.deposit(1);
        pair.deliverOne();
        assertThat(sibling.isFulfilled()).isTrue();
        Promise<Long> second = pipelined.deposit(2);
        pair.pump();
        assertThat(first.join(Duration.ZERO)).isEqualTo(1L);
        assertThat(second.join(Duration.ZERO)).isEqualTo(3L);
        assertThat(pair.trace).doesNotContain("a>b Disembargo", "b>a Disembargo");
    }

    @Test
    void aDisembargoThatReachesAnObjectOfTheReceiversComesBackNamingNoExport() {
        pair.b.receive(new Message.Deliver(new Descriptor.Export(0), "sibling", List.of(), OptionalLong.of(5),
                Optional.empty()));
        pair.scheduler.runUntilIdle();
        pair.b.receive(new Message.Disembargo(new Descriptor.Answer(5), 3));
        pair.scheduler.runUntilIdle();
        assertThat(pair.inFlight).hasSize(1);
        Message back = pair.codec.decode((byte[]) pair.inFlight.poll()[1], pair.a.decoder());
        assertThat(back).as("what Alice sent before it has reached Bob's object")
                .isEqualTo(new Message.Disembargo(new Descriptor.Export(0), 3));
    }

    @Test
    void onlyAMarkerGoesOnAsADisembargo() {
        RemoteTarget bobsBootstrap = pair.a.peerBootstrap();
        Refs.sendOnly(bobsBootstrap, Arrival.METHOD, 5L);
        Promise<Object> answer = Ref.send(bobsBootstrap, Arrival.METHOD, 5L);
        assertThat(pair.inFlight).as("nothing a peer would abort for").isEmpty();
        assertThat(answer.problemOrNull().kind()).isEqualTo(Problem.NOT_CALLABLE);

        Refs.sendOnly(bobsBootstrap, Arrival.METHOD, new Embargo.Marker(pair.a, 5));
        assertThat(pair.inFlight).hasSize(1);
        Message sent = pair.codec.decode((byte[]) pair.inFlight.poll()[1], pair.b.decoder());
        assertThat(sent).as("the session's own marker, back at its peer's export")
                .isEqualTo(new Message.Disembargo(new Descriptor.Export(0), 5));

        List<String> arrived = new ArrayList<>();
        Refs.sendOnly(bobsBootstrap, Arrival.METHOD, (Arrival) () -> arrived.add("arrived"));
        Message relayed = pair.codec.decode((byte[]) pair.inFlight.peek()[1], pair.b.decoder());
        assertThat(relayed).as("another arrival, relayed to where the export is")
                .isInstanceOf(Message.DisembargoPromise.class);
        pair.pump();
        assertThat(arrived).as("back once it reached Bob's object").containsExactly("arrived");
        assertThat(pair.trace).endsWith("a>b DisembargoPromise", "b>a Disembargo");
    }

    @Test
    void disembargoesRelayedPastTheTableLimitArriveAtOnce() {
        try (SessionPair small = new SessionPair(new Ledger(), null, 2)) {
            RemoteTarget bobsBootstrap = small.a.peerBootstrap();
            List<String> arrived = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "arrival " + i;
                Refs.sendOnly(bobsBootstrap, Arrival.METHOD, (Arrival) () -> arrived.add(name));
            }
            assertThat(small.inFlight).as("two relayed").hasSize(2);
            assertThat(arrived).as("the third, past the limit, at once").containsExactly("arrival 2");
            small.pump();
            assertThat(arrived).containsExactly("arrival 2", "arrival 0", "arrival 1");
        }
    }

    @Test
    void aMessageNamedAsTheMarkerIsAProtocolError() {
        assertThatThrownBy(() -> pair.b.receive(new Message.DeliverOnly(new Descriptor.Export(0), Arrival.METHOD,
                List.of(0L))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("method name reserved for disembargo");
        assertThatThrownBy(() -> pair.b.receive(new Message.Deliver(new Descriptor.Export(0), Arrival.METHOD,
                List.of(0L), OptionalLong.of(0), Optional.empty())))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("method name reserved for disembargo");
    }

    @Test
    void aDisembargoForNoEmbargoIsAProtocolError() {
        assertThatThrownBy(() -> pair.a.receive(new Message.Disembargo(new Descriptor.Export(0), 42)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("no embargo 42");
    }

    @Test
    void aDisembargoToAnUnknownAnswerIsAProtocolError() {
        assertThatThrownBy(() -> pair.b.receive(new Message.Disembargo(new Descriptor.Answer(7), 0)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("no answer at position 7");
    }
}
