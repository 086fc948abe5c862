package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private final Ledger bobsLedger = new Ledger();
    private SessionPair pair;

    /** Opens the pair and returns Alice's reference to Bob's bootstrap ledger. */
    private Account connect() {
        pair = new SessionPair(bobsLedger);
        return (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
    }

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aCallCrossesAndItsAnswerComesBack() {
        Account bob = connect();
        Promise<Long> balance = bob.deposit(40);
        assertThat(pair.settle(balance)).isEqualTo(40L);
        assertThat(pair.trace).containsExactly("a>b Deliver", "b>a DeliverOnly", "a>b GcAnswers");
    }

    @Test
    void eachSideCountsTheMessagesItSendsAndReceives() {
        Account bob = connect();
        assertThat(pair.settle(bob.deposit(40))).isEqualTo(40L);
        assertThat(pair.trace).containsExactly("a>b Deliver", "b>a DeliverOnly", "a>b GcAnswers");
        assertThat(pair.a.messagesSent()).isEqualTo(2);
        assertThat(pair.b.messagesReceived()).isEqualTo(2);
        assertThat(pair.b.messagesSent()).isEqualTo(1);
        assertThat(pair.a.messagesReceived()).isEqualTo(1);
    }

    @Test
    void gcAnswersWaitForTheNextMessageOrTheFlush() {
        List<Runnable> flushes = new ArrayList<>();
        pair = new SessionPair(bobsLedger, flushes);
        Account bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);

        assertThat(pair.settle(bob.deposit(40))).isEqualTo(40L);
        assertThat(pair.trace).containsExactly("a>b Deliver", "b>a DeliverOnly");
        assertThat(flushes).hasSize(1);

        assertThat(pair.settle(bob.deposit(2))).isEqualTo(42L);
        // The first answer's gc-answers went out just ahead of the second call.
        assertThat(pair.trace).containsExactly("a>b Deliver", "b>a DeliverOnly",
                "a>b GcAnswers", "a>b Deliver", "b>a DeliverOnly");
        // The flush asked for after the first answer is still to run: no second is asked for.
        assertThat(flushes).hasSize(1);

        assertThat(pair.b.tableSizes()[3]).as("Bob's answers").isEqualTo(1);
        // A call carried the batch since that flush was asked for: it waits once more.
        runFlushes(flushes);
        pair.pump();
        assertThat(pair.trace).endsWith("a>b Deliver", "b>a DeliverOnly");
        assertThat(flushes).hasSize(1);

        runFlushes(flushes);
        pair.pump();
        assertThat(pair.trace).endsWith("b>a DeliverOnly", "a>b GcAnswers");
        assertThat(pair.b.tableSizes()[3]).as("Bob's answers").isZero();
        assertThat(flushes).isEmpty();
    }

    private static void runFlushes(List<Runnable> flushes) {
        List<Runnable> due = List.copyOf(flushes);
        flushes.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void sendOnlyMessagesCarryNoQuestion() {
        Account bob = connect();
        bob.note("hello");
        pair.pump();
        assertThat(bobsLedger.notes).containsExactly("hello");
        assertThat(pair.trace).containsExactly("a>b DeliverOnly");
    }

    @Test
    void aPipelinedCallIsSentBeforeTheAnswerItDependsOnReturns() {
        Account bob = connect();
        Account sibling = bob.sibling().as(Account.class);
        Promise<Long> deposited = sibling.deposit(7);
        Promise<Long> balance = sibling.balance();
        assertThat(pair.inFlight).hasSize(3);
        assertThat(pair.settle(deposited)).isEqualTo(7L);
        assertThat(pair.settle(balance)).isEqualTo(7L);
        assertThat(pair.trace.subList(0, 3)).containsExactly("a>b Deliver", "a>b Deliver", "a>b Deliver");
    }

    @Test
    void manyPipelinedCallsArriveInTheOrderSent() {
        Account bob = connect();
        Account sibling = bob.sibling().as(Account.class);
        List<Promise<Long>> answers = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            answers.add(sibling.deposit(i));
        }
        pair.pump();
        long expected = 0;
        for (int i = 1; i <= 50; i++) {
            expected += i;
            assertThat(answers.get(i - 1).join(Duration.ZERO)).isEqualTo(expected);
        }
    }

    @Test
    void anAnswerThatIsAnObjectArrivesAsAReferenceOfTheDeclaredInterface() {
        Account bob = connect();
        Account sibling = pair.settle(bob.sibling());
        assertThat(Ref.kind(sibling)).isEqualTo(RefKind.EVENTUAL);
        assertThat(pair.settle(sibling.deposit(3))).isEqualTo(3L);
        assertThat(bobsLedger.balance).isZero();
    }

    @Test
    void anObjectSentOutAndBackIsNearAgainInItsOwnVat() {
        Account bob = connect();
        Ledger alicesLedger = new Ledger();
        Promise<Boolean> same = pair.alice.callPromise(() -> bob.echo(alicesLedger).then(v -> v == alicesLedger));
        assertThat(pair.settle(same)).isTrue();
    }

    @Test
    void aReferenceToTheOtherSideIsUsableThere() {
        Account bob = connect();
        Ledger alicesLedger = new Ledger();
        Account aliceAccount = pair.alice.export(alicesLedger, Account.class);
        Promise<Object> back = bob.echo(aliceAccount);
        Object echoed = pair.settle(back);
        Account viaBob = (Account) Refs.asType(echoed, Account.class);
        assertThat(pair.settle(viaBob.deposit(11))).isEqualTo(11L);
        assertThat(alicesLedger.balance).isEqualTo(11L);
    }

    @Test
    void dataCrossesByCopy() {
        Account bob = connect();
        Object value = List.of("text", 42L, new byte[] {1, 2}, java.util.Map.of("k", true));
        @SuppressWarnings("unchecked") List<Object> back = (List<Object>) pair.settle(bob.echo(value));
        assertThat(back.get(0)).isEqualTo("text");
        assertThat(back.get(1)).isEqualTo(42L);
        assertThat((byte[]) back.get(2)).containsExactly(1, 2);
        assertThat(back.get(3)).isEqualTo(java.util.Map.of("k", true));
    }

    @Test
    void aPromiseSentAcrossResolvesOverThere() {
        Account bob = connect();
        Deferred<Object> later = Promise.defer();
        Promise<Object> echoed = bob.echo(later.promise());
        pair.pump();
        assertThat(echoed.isSettled()).isFalse();
        later.resolver().resolve("resolved at alice");
        assertThat(pair.settle(echoed)).isEqualTo("resolved at alice");
    }

    @Test
    void anAnswerIsCountedUntoldUntilItsSettlementIsSent() {
        Account bob = connect();
        Deferred<Object> later = Promise.defer();
        Promise<Object> echoed = bob.echo(later.promise());
        pair.pump();
        assertThat(pair.b.untoldSettlements()).as("Bob's answer, waiting on Alice's promise").isEqualTo(1);
        assertThat(pair.a.untoldSettlements()).as("Alice's promise, which Bob listens to").isEqualTo(1);

        later.resolver().resolve("resolved at alice");
        assertThat(pair.settle(echoed)).isEqualTo("resolved at alice");
        assertThat(pair.b.untoldSettlements()).isZero();
        assertThat(pair.a.untoldSettlements()).isZero();
    }

    @Test
    void aLostSessionHasNothingLeftToTell() {
        Account bob = connect();
        bob.echo(Promise.defer().promise());
        pair.pump();
        pair.b.lost(Problem.of(Problem.UNAVAILABLE, "cut"));
        assertThat(pair.b.untoldSettlements()).isZero();
    }

    @Test
    void aProblemCrossesAsTheSameProblem() {
        Account bob = connect();
        Promise<Long> refused = bob.fail("not today");
        pair.pump();
        assertThat(refused.problemOrNull()).isEqualTo(new Problem("Refused", "not today"));
    }

    @Test
    void aMethodTheTargetLacksBreaksTheAnswer() {
        connect();
        Promise<Object> answer = Ref.send(pair.a.peerBootstrap(), "withdraw", 5L);
        pair.pump();
        assertThat(answer.problemOrNull().kind()).isEqualTo(Problem.NOT_CALLABLE);
    }

    @Test
    void losingTheSessionBreaksQuestionsReferencesAndLaterSends() {
        Account bob = connect();
        Promise<Long> pending = bob.deposit(1);
        Problem gone = new Problem(Problem.UNAVAILABLE, "connection to bob lost: reset");
        pair.a.lost(gone);
        assertThat(pending.problemOrNull()).isEqualTo(gone);
        assertThat(Ref.kind(bob)).isEqualTo(RefKind.BROKEN);
        assertThat(bob.balance().problemOrNull()).isEqualTo(gone);
    }

    @Test
    void answeredQuestionsLeaveTheTablesAsTheyWere() {
        Account bob = connect();
        int[] before = pair.a.tableSizes();
        for (int i = 0; i < 100; i++) {
            pair.settle(bob.deposit(1));
        }
        int[] after = pair.a.tableSizes();
        assertThat(after[0]).as("exports").isEqualTo(before[0]);
        assertThat(after[2]).as("questions").isEqualTo(before[2]);
        assertThat(pair.b.tableSizes()[3]).as("answers kept by bob").isZero();
        assertThat(pair.b.tableSizes()[1]).as("settlers bob has told, dropped").isZero();
    }

    @Test
    void shortLivedReferencesAreFreedOnBothSidesOnceDropped() throws InterruptedException {
        Account bob = connect();
        int[] aBefore = pair.a.tableSizes();
        int[] bBefore = pair.b.tableSizes();
        for (int i = 0; i < 2_000; i++) {
            Account sibling = pair.settle(bob.sibling());
            pair.settle(sibling.deposit(1));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((pair.a.tableSizes()[1] != aBefore[1] || pair.b.tableSizes()[0] != bBefore[0])
                && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            pair.pump();
        }
        assertThat(pair.a.tableSizes()[1]).as("alice's imports").isEqualTo(aBefore[1]);
        assertThat(pair.b.tableSizes()[0]).as("bob's exports").isEqualTo(bBefore[0]);
        assertThat(pair.b.tableSizes()[3]).as("bob's answers").isZero();
    }

    @Test
    void aMessageThatReachesARetiredAnswerPositionFollowsTheAnswer() {
        connect();
        Deferred<Object> sibling = Promise.defer();
        dev.erg.vat.spi.RemoteTarget pipeline = pair.a.peerBootstrap().send("sibling", new Object[0], Account.class,
                sibling.resolver());
        pair.pump();
        // The sender raced with the answer: it still holds the answer position, now retired.
        Deferred<Object> late = Promise.defer();
        assertThat(pipeline.send("balance", null, Long.class, late.resolver())).isNull();
        assertThat(pair.settle(late.promise())).isEqualTo(0L);
        assertThat(pair.trace).doesNotContain("a>b Deliver to a freed answer");
    }

    @Test
    void aReferenceMadeFromAFulfilledPromiseIsPassedAsWhatItStandsFor() {
        Account bob = connect();
        Promise<Account> sibling = bob.sibling();
        Account settled = pair.settle(sibling);
        int aliceExports = pair.a.tableSizes()[0];
        // Passed back to Bob, the pipelined proxy arrives as Bob's own object, not as one of Alice's.
        Object echoed = pair.settle(bob.echo(sibling.as(Account.class)));
        assertThat(Refs.remoteTarget(echoed)).isNotNull().isSameAs(Refs.remoteTarget(settled));
        assertThat(pair.a.tableSizes()[0]).as("alice's exports").isEqualTo(aliceExports);
    }

    @Test
    void aMessageRacingWithItsAnswerGoesWhereTheAnswerWent() {
        Account bob = connect();
        Promise<Account> sibling = bob.sibling();
        Account pipelined = sibling.as(Account.class);
        pair.pump();
        assertThat(pair.b.tableSizes()[3]).as("answer freed at bob").isZero();
        // The pipelined proxy now sends to the sibling itself, not to the freed answer.
        assertThat(pair.settle(pipelined.deposit(2))).isEqualTo(2L);
        assertThat(pair.settle(pipelined.balance())).isEqualTo(2L);
    }

    @Test
    void aMessageToAnUnknownExportIsAProtocolError() {
        connect();
        Message bogus = new Message.Deliver(new Descriptor.Export(99), "balance", List.of(),
                OptionalLong.of(0), Optional.empty());
        assertThatThrownBy(() -> pair.b.receive(bogus))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("no export at position 99");
    }

    @Test
    void aCallPastTheAnswerLimitBreaksUnrunAndOnlyAPeerThatKeepsGoingIsStopped() {
        connect();
        Ledger ledger = new Ledger();
        List<Message> sent = new ArrayList<>();
        Session small = new Session(pair.runtime.newVat("small"), sent::add, pair.bob.export(ledger, Account.class),
                "greedy", 3);
        for (long i = 0; i < 6; i++) {
            small.receive(new Message.Deliver(new Descriptor.Export(0), "deposit", List.of(1L), OptionalLong.of(i),
                    Optional.of(new Descriptor.ImportObject(100 + i))));
        }
        pair.scheduler.runUntilIdle();

        assertThat(ledger.balance).as("only the calls within the limit ran").isEqualTo(3);
        Problem full = Problem.of(Problem.LIMIT_EXCEEDED,
                "deposit was not called: the peer holds as many answers here as it may, 3 (free some with gc-answers)");
        assertThat(sent).contains(new Message.DeliverOnly(new Descriptor.Export(103), Message.BREAK, List.of(full)),
                new Message.DeliverOnly(new Descriptor.Export(105), Message.BREAK, List.of(full)));
        small.receive(new Message.GcAnswers(List.of(0L, 3L, 4L, 5L)));
        small.receive(new Message.Deliver(new Descriptor.Export(0), "deposit", List.of(1L), OptionalLong.of(6),
                Optional.empty()));
        pair.scheduler.runUntilIdle();
        assertThat(ledger.balance).as("freed answers make room again").isEqualTo(4);

        for (long i = 7; i < 10; i++) {
            small.receive(new Message.Deliver(new Descriptor.Export(0), "deposit", List.of(1L), OptionalLong.of(i),
                    Optional.empty()));
        }
        assertThatThrownBy(() -> small.receive(new Message.Deliver(new Descriptor.Export(0), "deposit", List.of(1L),
                OptionalLong.of(10), Optional.empty())))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("answers: 7 entries, after refusals past the limit of 3");
    }

    @Test
    void aReferencePastTheImportLimitIsGivenBackAndOnlyItsAnswerBreaks() {
        pair = new SessionPair(bobsLedger, null, 3);
        Account bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
        int bobsExports = pair.b.tableSizes()[0];
        List<Account> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pair.settle(bob.sibling()));
        }
        assertThat(pair.a.tableSizes()[1]).as("the bootstrap object is not counted").isEqualTo(4);

        Promise<Account> past = bob.sibling();
        pair.pump();
        assertThat(past.problemOrNull()).isEqualTo(Problem.of(Problem.LIMIT_EXCEEDED, "the answer cannot be read here:"
                + " this side holds 3 references from the peer, its limit; it must drop some before it can take more"));
        assertThat(pair.b.tableSizes()[0]).as("the refused reference was given back to Bob")
                .isEqualTo(bobsExports + 3);
        assertThat(pair.settle(held.getFirst().deposit(5))).as("the session goes on").isEqualTo(5L);
        assertThat(pair.settle(bob.balance())).isZero();
    }

    @Test
    void importsDroppedAsFastAsTheyArriveAreCollectedBeforeTheLimitRefusesMore() throws InterruptedException {
        pair = new SessionPair(bobsLedger, null, 100);
        Account bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
        long collections = Reclaim.started();
        int bobsExports = pair.b.tableSizes()[0];
        for (int i = 0; i < 90; i++) {
            // Past half the limit, slowly enough that a collection asked for a moment ago elsewhere does not stand in the way.
            if (i > 50) {
                Thread.sleep(25);
            }
            assertThat(pair.settle(bob.sibling())).as("reference %d", i).isNotNull();
        }
        assertThat(Reclaim.started()).as("past half the limit, a collection was asked for").isGreaterThan(collections);
        // The collection runs on a thread of its own; the dropped imports are released once it has.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pair.a.tableSizes()[1] > 50 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pair.a.tableSizes()[1]).as("imports held after the collection").isLessThanOrEqualTo(50);
        pair.pump();
        assertThat(pair.b.tableSizes()[0]).as("Bob was told and freed them").isLessThan(bobsExports + 50);
        for (int i = 0; i < 30; i++) {
            assertThat(pair.settle(pair.settle(bob.sibling()).deposit(1))).isEqualTo(1L);
        }
    }

    @Test
    void reusingAnAnswerPositionIsAProtocolError() {
        connect();
        Message first = new Message.Deliver(new Descriptor.Export(0), "balance", List.of(), OptionalLong.of(5), Optional.empty());
        pair.b.receive(first);
        assertThatThrownBy(() -> pair.b.receive(first))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("answer position 5 is already in use");
    }

    @Test
    void gcExportsFreesAnExportOnlyWhenEveryReferenceSentIsDropped() {
        Account bob = connect();
        Ledger alicesLedger = new Ledger();
        Account mine = pair.alice.export(alicesLedger, Account.class);
        bob.note("x");
        pair.settle(bob.echo(mine));
        pair.settle(bob.echo(mine));
        int exports = pair.a.tableSizes()[0];
        Message.Deliver echo = (Message.Deliver) pair.receivedByB.get(1);
        long position = ((Remote) Refs.remoteTarget(echo.args().getFirst())).target() instanceof Descriptor.Export e
                ? e.position() : -1;
        assertThatThrownBy(() -> pair.a.receive(new Message.GcExports(List.of(position), List.of(3L))))
                .isInstanceOf(ProtocolException.class);
        pair.a.receive(new Message.GcExports(List.of(position), List.of(1L)));
        assertThat(pair.a.tableSizes()[0]).isEqualTo(exports);
        pair.a.receive(new Message.GcExports(List.of(position), List.of(1L)));
        assertThat(pair.a.tableSizes()[0]).isEqualTo(exports - 1);
    }
}
