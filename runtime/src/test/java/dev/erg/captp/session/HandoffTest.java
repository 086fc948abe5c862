package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.VatIdentity;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.HandoffReceive;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.WireCodec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three-party handoffs between three in-memory vats: Alice holds a counter of Carol's and
 * hands it to Bob, who then uses it through his own session with Carol.
 */
class HandoffTest {

    /** Carol's object. */
    public interface Counter {
        Promise<Long> increment(long by);
    }

    /** Bob's object: takes a counter, uses it and keeps it. */
    public interface Taker {
        Promise<Long> take(Counter counter, long by);

        Promise<Long> again(long by);
    }

    static final class Tally implements Counter {
        long count;

        @Override
        public Promise<Long> increment(long by) {
            count += by;
            return Promise.of(count);
        }
    }

    static final class Keeper implements Taker {
        Counter kept;

        @Override
        public Promise<Long> take(Counter counter, long by) {
            kept = counter;
            return counter.increment(by);
        }

        @Override
        public Promise<Long> again(long by) {
            return kept.increment(by);
        }
    }

    private final Taker bobsKeeper;
    private final Triangle t;

    HandoffTest() {
        Taker[] keeper = new Taker[1];
        t = new Triangle(vat -> vat.export(new Tally(), Counter.class),
                vat -> keeper[0] = vat.export(new Keeper(), Taker.class),
                vat -> vat.export(new Tally(), Counter.class));
        bobsKeeper = keeper[0];
    }

    @AfterEach
    void close() {
        t.close();
    }

    private <T> T bootstrapOf(Triangle.Party from, Triangle.Party to, Class<T> iface) {
        return iface.cast(Refs.asType(from.to(to).peerBootstrap(), iface));
    }

    @Test
    void theReceiverTalksToTheExporterDirectlyAfterAliceSentHerMessages() {
        Counter counter = bootstrapOf(t.alice, t.carol, Counter.class);
        Taker taker = bootstrapOf(t.alice, t.bob, Taker.class);
        counter.increment(1);
        counter.increment(2);
        // Carol sees Alice's two increments before Bob's, which come after the deposit.
        assertThat(t.settle(taker.take(counter, 10))).isEqualTo(13L);
        assertThat(t.trace).contains("alice>carol DeliverOnly deposit-gift", "bob>carol Deliver withdraw-gift");

        int mark = t.trace.size();
        assertThat(t.settle(bobsKeeper.again(5))).isEqualTo(18L);
        assertThat(t.settle(bobsKeeper.again(5))).isEqualTo(23L);
        List<String> later = t.trace.subList(mark, t.trace.size());
        assertThat(later).isNotEmpty().allMatch(line -> line.startsWith("bob>carol ") || line.startsWith("carol>bob "));
    }

    @Test
    void aGiftIsDepositedOnlyWithAMessageThatCarriesIt() {
        Counter counter = bootstrapOf(t.alice, t.carol, Counter.class);
        Taker taker = bootstrapOf(t.alice, t.bob, Taker.class);
        // The gift is encoded first; the text after it, with an unpaired surrogate, cannot be.
        Promise<Object> notSent = Ref.send(taker, "take", counter, "\uD800");
        t.pump();
        assertThat(notSent.problemOrNull()).isNotNull().extracting(Problem::kind).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(t.trace).noneMatch(line -> line.contains("deposit-gift"));

        assertThat(t.settle(taker.take(counter, 4))).isEqualTo(4L);
        assertThat(t.trace).containsOnlyOnce("alice>carol DeliverOnly deposit-gift");
    }

    @Test
    void aWithdrawalThatComesBeforeTheDepositWaitsForIt() {
        Counter counter = bootstrapOf(t.alice, t.carol, Counter.class);
        Taker taker = bootstrapOf(t.alice, t.bob, Taker.class);
        t.hold(t.alice, t.carol);
        Promise<Long> took = taker.take(counter, 10);
        t.pump();
        assertThat(t.trace).contains("bob>carol Deliver withdraw-gift");
        assertThat(took.isSettled()).isFalse();

        t.release(t.alice, t.carol);
        assertThat(t.settle(took)).isEqualTo(10L);
    }

    @Test
    void aWithdrawalWhoseGiftNeverComesBreaksAfterTheWait() {
        t.hold(t.alice, t.carol);
        Promise<Long> took = bootstrapOf(t.alice, t.bob, Taker.class).take(bootstrapOf(t.alice, t.carol, Counter.class), 1);
        t.pump();
        t.scheduler.advance(Handoffs.DEPOSIT_WAIT.plusSeconds(1));
        t.pump();
        assertThat(took.problemOrNull()).isNotNull().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(p.message()).contains("not deposited within 30 s");
        });
    }

    @Test
    void aGifterSessionLostBeforeTheDepositBreaksTheWithdrawal() {
        t.hold(t.alice, t.carol);
        Promise<Long> took = bootstrapOf(t.alice, t.bob, Taker.class).take(bootstrapOf(t.alice, t.carol, Counter.class), 1);
        t.pump();
        t.carol.to(t.alice).lost(Problem.of(Problem.UNAVAILABLE, "alice went away"));
        t.pump();
        assertThat(took.problemOrNull()).isEqualTo(Problem.of(Problem.UNAVAILABLE, "alice went away"));
    }

    @Test
    void aReplayedWithdrawalIsRefused() {
        Counter counter = bootstrapOf(t.alice, t.carol, Counter.class);
        t.settle(bootstrapOf(t.alice, t.bob, Taker.class).take(counter, 1));
        List<Object> withdrawal = withdrawalSent();

        Promise<Object> replayed = t.carol.handoffs.withdraw(t.carol.to(t.bob), withdrawal);
        t.pump();
        assertThat(replayed.problemOrNull()).isEqualTo(
                Problem.of(Problem.REFUSED, "handoff refused: handoff count 0 was used before in this session"));
    }

    @Test
    void aWithdrawnGiftReSignedWithAFreshCountIsRefusedAtOnce() {
        Counter counter = bootstrapOf(t.alice, t.carol, Counter.class);
        t.settle(bootstrapOf(t.alice, t.bob, Taker.class).take(counter, 1));
        HandoffReceive first = ((Withdrawal) withdrawalSent().getFirst()).envelope().signed();
        HandoffReceive again = new HandoffReceive(first.receivingSession(), first.receivingSide(),
                first.handoffCount() + 1, first.signedGive());

        Promise<Object> taken = t.carol.handoffs.withdraw(t.carol.to(t.bob),
                List.of(new Withdrawal(signed(t.bob.identity, again))));
        t.pump();
        assertThat(taken.problemOrNull()).isEqualTo(Problem.of(Problem.REFUSED,
                "handoff refused: gift %s was withdrawn before", first.signedGive().signed().giftId()));
    }

    @Test
    void aCertificateStolenByAnotherVatIsRefused() {
        t.settle(bootstrapOf(t.alice, t.bob, Taker.class).take(bootstrapOf(t.alice, t.carol, Counter.class), 1));
        HandoffReceive bobs = ((Withdrawal) withdrawalSent().getFirst()).envelope().signed();
        // Alice wraps the give meant for Bob in a receive of her own, in her own session.
        HandoffReceive stolen = new HandoffReceive(sessionId(t.alice, t.carol), vatId(t.alice), 7, bobs.signedGive());

        Promise<Object> taken = t.carol.handoffs.withdraw(t.carol.to(t.alice),
                List.of(new Withdrawal(signed(t.alice.identity, stolen))));
        t.pump();
        assertThat(taken.problemOrNull()).isEqualTo(
                Problem.of(Problem.REFUSED, "handoff refused: the gift was given to another vat than " + t.alice.identity.vatId()));
    }

    @Test
    void aGiveNotSignedByTheGifterIsRefused() {
        VatIdentity mallory = VatIdentity.generate(new SecureRandom());
        HandoffGive give = new HandoffGive(t.bob.key(), vatId(t.carol), List.of(), sessionId(t.alice, t.carol),
                vatId(t.alice), Bytes.of(new byte[] {1, 2, 3}));
        HandoffReceive receive = new HandoffReceive(sessionId(t.bob, t.carol), vatId(t.bob), 0, signed(mallory, give));

        Promise<Object> taken = t.carol.handoffs.withdraw(t.carol.to(t.bob),
                List.of(new Withdrawal(signed(t.bob.identity, receive))));
        t.pump();
        assertThat(taken.problemOrNull()).isEqualTo(
                Problem.of(Problem.REFUSED, "handoff refused: the handoff-give is not signed by the gifter of that session"));
    }

    @Test
    void aReceiveSignedForAnotherSessionOrByAnotherKeyIsRefused() {
        HandoffGive give = new HandoffGive(t.bob.key(), vatId(t.carol), List.of(), sessionId(t.alice, t.carol),
                vatId(t.alice), Bytes.of(new byte[] {4}));
        SignedEnvelope<HandoffGive> signedGive = signed(t.alice.identity, give);
        HandoffReceive elsewhere = new HandoffReceive(sessionId(t.alice, t.carol), vatId(t.bob), 0, signedGive);
        HandoffReceive here = new HandoffReceive(sessionId(t.bob, t.carol), vatId(t.bob), 0, signedGive);

        Promise<Object> wrongSession = t.carol.handoffs.withdraw(t.carol.to(t.bob),
                List.of(new Withdrawal(signed(t.bob.identity, elsewhere))));
        Promise<Object> wrongKey = t.carol.handoffs.withdraw(t.carol.to(t.bob),
                List.of(new Withdrawal(signed(t.alice.identity, here))));
        t.pump();
        assertThat(wrongSession.problemOrNull()).isEqualTo(
                Problem.of(Problem.REFUSED, "handoff refused: the handoff-receive names another session"));
        assertThat(wrongKey.problemOrNull()).isEqualTo(
                Problem.of(Problem.REFUSED, "handoff refused: the handoff-receive is not signed by the receiver's key"));
    }

    @Test
    void aReceiverRefusesACertificateMeantForAnotherVat() {
        HandoffGive give = new HandoffGive(t.carol.key(), vatId(t.carol), List.of(), sessionId(t.alice, t.carol),
                vatId(t.alice), Bytes.of(new byte[] {5}));
        Promise<Object> taken = t.bob.handoffs.receive(signed(t.alice.identity, give));
        assertThat(taken.problemOrNull()).isEqualTo(Problem.of(Problem.REFUSED, "a handoff certificate for another vat"));
    }

    @Test
    void aSecondDepositUnderAnIdInUseIsRefusedAloneAndTheSessionGoesOn() {
        Session fromAlice = t.carol.to(t.alice);
        Message.DeliverOnly deposit = new Message.DeliverOnly(new Descriptor.Export(0), Session.DEPOSIT_GIFT,
                List.of(new byte[] {9}, "a gift"));
        Message.Deliver again = new Message.Deliver(new Descriptor.Export(0), Session.DEPOSIT_GIFT,
                List.of(new byte[] {9}, "another gift"), OptionalLong.of(70), Optional.empty());
        long refusedBefore = PeerFault.REFUSED_DEPOSIT.count();

        fromAlice.receive(deposit);
        fromAlice.receive(deposit);
        fromAlice.receive(again);
        t.pump();

        assertThat(PeerFault.REFUSED_DEPOSIT.count() - refusedBefore).isEqualTo(2);
        assertThat(fromAlice.problem()).isNull();
        Problem refused = Problem.of(Problem.REFUSED, "deposit refused: a gift is deposited under gift id %s already",
                Bytes.of(new byte[] {9}));
        assertThat(t.carol.to(t.alice).awaitGift(Bytes.of(new byte[] {9}), Duration.ofSeconds(1)).join(Duration.ZERO))
                .isEqualTo("a gift");
        assertThat(answerAt(fromAlice, 70).problemOrNull()).isEqualTo(refused);
        // The session goes on: Alice's calls to Carol are still answered.
        assertThat(t.settle(bootstrapOf(t.alice, t.carol, Counter.class).increment(2))).isEqualTo(2L);
    }

    /** The answer {@code session} keeps for its peer at {@code position}. */
    private static Promise<Object> answerAt(Session session, long position) {
        synchronized (session) {
            return session.answers.get(position);
        }
    }

    /** The arguments of the withdraw-gift Bob sent Carol. */
    private List<Object> withdrawalSent() {
        return t.delivered(t.bob, t.carol).stream()
                .filter(m -> m instanceof Message.Deliver d && d.method().equals(Session.WITHDRAW_GIFT))
                .map(m -> ((Message.Deliver) m).args())
                .findFirst().orElseThrow();
    }

    private static Bytes sessionId(Triangle.Party x, Triangle.Party y) {
        return x.to(y).peering().sessionId();
    }

    private static Bytes vatId(Triangle.Party party) {
        return Bytes.of(party.identity.vatId().bytes());
    }

    private static <T extends dev.erg.wire.codec.Descriptor.Certificate> SignedEnvelope<T> signed(VatIdentity signer, T certificate) {
        return new SignedEnvelope<>(certificate, Bytes.of(signer.sign(WireCodec.signedBytes(certificate))));
    }
}
