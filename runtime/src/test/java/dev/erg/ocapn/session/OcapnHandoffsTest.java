package dev.erg.ocapn.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.session.Session;
import dev.erg.crypto.Signatures;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.GiftId;
import dev.erg.ocapn.captp.HandoffGive;
import dev.erg.ocapn.captp.HandoffReceive;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.ocapn.captp.SigEnvelope;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter's and the receiver's checks of OCapN handoffs, on sessions that send nothing:
 * carol exports, alice gives, bob receives. Each key is named by its holder and the peer of
 * its session: {@code aliceWithCarol} is alice's key in the alice-carol session.
 */
class OcapnHandoffsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofMillis(200);

    private final SecureRandom random = new SecureRandom();
    private final VatRuntime runtime = VatRuntime.create();
    private final Vat vat = runtime.newVat("carol's sessions");
    private final PeerLocator aliceAt = new PeerLocator("alice", "tcp-testing-only", Map.of());
    private final PeerLocator bobAt = new PeerLocator("bob", "tcp-testing-only", Map.of());
    private final PeerLocator carolAt = new PeerLocator("carol", "tcp-testing-only", Map.of("port", "1"));
    private final VatIdentity aliceWithCarol = VatIdentity.generate(random);
    private final VatIdentity carolWithAlice = VatIdentity.generate(random);
    private final VatIdentity bobWithAlice = VatIdentity.generate(random);
    private final VatIdentity bobWithCarol = VatIdentity.generate(random);
    private final VatIdentity carolWithBob = VatIdentity.generate(random);
    private final OcapnHandoffs carol = new OcapnHandoffs(carolAt,
            node -> CompletableFuture.failedFuture(new IllegalStateException("carol dials no one")), vat::run, PATIENCE);
    private final Session fromAlice = session("alice");
    private final Session fromBob = session("bob");

    OcapnHandoffsTest() {
        carol.opened(fromAlice, carolWithAlice, new PeerHello(raw(aliceWithCarol), aliceAt));
        carol.opened(fromBob, carolWithBob, new PeerHello(raw(bobWithCarol), bobAt));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aDepositedGiftIsWithdrawnOnceAndAReplayIsRefused() {
        carol.deposit(fromAlice, List.of(7L, "the gift"));
        SigEnvelope withdrawal = receive(0, give(7));

        assertThat(carol.withdraw(fromBob, List.of(withdrawal)).join(WAIT)).isEqualTo("the gift");
        assertRefused(carol.withdraw(fromBob, List.of(withdrawal)), "handoff count 0 was used before in this session");
    }

    @Test
    void aWithdrawalBeforeItsDepositWaitsForIt() {
        Promise<Object> taken = carol.withdraw(fromBob, List.of(receive(0, give(3))));
        assertThat(taken.isSettled()).isFalse();

        carol.deposit(fromAlice, List.of(3L, "late gift"));
        assertThat(taken.join(WAIT)).isEqualTo("late gift");
    }

    @Test
    void aWithdrawalWhoseDepositNeverComesBreaksAfterThePatience() {
        Promise<Object> taken = carol.withdraw(fromBob, List.of(receive(0, give(4))));
        assertThatThrownBy(() -> taken.join(WAIT)).hasMessageContaining("not deposited within 200 ms");
        assertThat(taken.problemOrNull().kind()).isEqualTo(Problem.UNAVAILABLE);
    }

    @Test
    void waitingWithdrawalsAreBoundedInNumber() {
        for (int i = 0; i < 2; i++) {
            assertThat(carol.withdraw(fromBob, List.of(receive(i, give(i)))).isSettled()).isFalse();
        }
        Promise<Object> third = carol.withdraw(fromBob, List.of(receive(2, give(2))));
        assertThat(third.problemOrNull()).isNotNull()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.LIMIT_EXCEEDED));
    }

    @Test
    void aTamperedGiveSignatureIsRefused() {
        carol.deposit(fromAlice, List.of(7L, "the gift"));
        SigEnvelope give = give(7);
        SigEnvelope forged = new SigEnvelope(give.signed(), flipped(give.signature()));
        assertRefused(carol.withdraw(fromBob, List.of(receive(0, forged))), "not signed by the gifter");
        assertThat(carol.withdraw(fromBob, List.of(receive(1, give))).join(WAIT))
                .as("the refusal took nothing").isEqualTo("the gift");
    }

    @Test
    void aGiveWithAnotherGiftIdUnderTheOriginalSignatureIsRefused() {
        carol.deposit(fromAlice, List.of(8L, "someone else's gift"));
        SigEnvelope give = give(7);
        HandoffGive original = (HandoffGive) give.signed();
        HandoffGive changed = new HandoffGive(original.receiverKey(), original.exporterLocation(), original.session(),
                original.gifterSide(), new GiftId.Numbered(8));
        assertRefused(carol.withdraw(fromBob, List.of(receive(0, new SigEnvelope(changed, give.signature())))),
                "not signed by the gifter");
    }

    @Test
    void aTamperedReceiveSignatureIsRefused() {
        SigEnvelope withdrawal = receive(0, give(7));
        SigEnvelope forged = new SigEnvelope(withdrawal.signed(), flipped(withdrawal.signature()));
        assertRefused(carol.withdraw(fromBob, List.of(forged)), "not signed by the receiver's key");
    }

    @Test
    void aReceiveSignedByAnotherKeyThanTheGiveNamesIsRefused() {
        HandoffReceive receive = (HandoffReceive) receive(0, give(7)).signed();
        SigEnvelope byBobsOtherKey = new SigEnvelope(receive, bobWithCarol.sign(CaptpWriter.encodeSigned(receive)));
        assertRefused(carol.withdraw(fromBob, List.of(byBobsOtherKey)), "not signed by the receiver's key");
    }

    @Test
    void aWithdrawalOnAnotherSessionThanTheOneItNamesIsRefused() {
        assertRefused(carol.withdraw(fromAlice, List.of(receive(0, give(7)))), "names another session");
    }

    @Test
    void aGiveNamingAnotherGifterSideIsRefused() {
        HandoffGive wrongSide = new HandoffGive(raw(bobWithAlice).toByteArray(), carolAt,
                SessionIds.sessionId(raw(carolWithAlice).toByteArray(), raw(aliceWithCarol).toByteArray()),
                SessionIds.publicId(raw(carolWithAlice).toByteArray()), new GiftId.Numbered(7));
        SigEnvelope give = new SigEnvelope(wrongSide, aliceWithCarol.sign(CaptpWriter.encodeSigned(wrongSide)));
        assertRefused(carol.withdraw(fromBob, List.of(receive(0, give))), "not signed by the gifter's side");
    }

    @Test
    void aGiftDepositedWithAnotherNodeIsRefused() {
        HandoffGive elsewhere = new HandoffGive(raw(bobWithAlice).toByteArray(), aliceAt, gifterSession(),
                SessionIds.publicId(raw(aliceWithCarol).toByteArray()), new GiftId.Numbered(7));
        SigEnvelope give = new SigEnvelope(elsewhere, aliceWithCarol.sign(CaptpWriter.encodeSigned(elsewhere)));
        assertRefused(carol.withdraw(fromBob, List.of(receive(0, give))), "deposited with another node");
    }

    @Test
    void aGiftOfASessionThatEndedIsUnavailable() {
        carol.closed(fromAlice);
        Promise<Object> taken = carol.withdraw(fromBob, List.of(receive(0, give(7))));
        assertThat(taken.problemOrNull()).isNotNull().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(p.message()).contains("gifter's session");
        });
    }

    @Test
    void aReceiverKeyThatIsNoCurvePointIsRefusedWithoutThrowing() {
        byte[] notAKey = new byte[32];
        Arrays.fill(notAKey, (byte) 0xff);
        HandoffGive toNobody = new HandoffGive(notAKey, carolAt, gifterSession(),
                SessionIds.publicId(raw(aliceWithCarol).toByteArray()), new GiftId.Numbered(7));
        SigEnvelope give = new SigEnvelope(toNobody, aliceWithCarol.sign(CaptpWriter.encodeSigned(toNobody)));
        assertRefused(carol.withdraw(fromBob, List.of(receive(0, give))), "not signed by the receiver's key");
    }

    @Test
    void withdrawGiftWithoutASignedReceiveIsNotCallable() {
        assertThat(carol.withdraw(fromBob, List.of("a gift, please")).problemOrNull().kind())
                .isEqualTo(Problem.NOT_CALLABLE);
        assertThat(carol.withdraw(fromBob, List.of(give(7))).problemOrNull().kind()).isEqualTo(Problem.NOT_CALLABLE);
    }

    @Test
    void aByteStringGiftIdIsDepositedAndWithdrawnApartFromTheIntegerIds() {
        byte[] myGift = "my-gift".getBytes(StandardCharsets.UTF_8);
        carol.deposit(fromAlice, List.of(myGift, "the named gift"));
        carol.deposit(fromAlice, List.of(7L, "the numbered gift"));
        assertThat(carol.withdraw(fromBob, List.of(receive(0, give(new GiftId.Named(myGift))))).join(WAIT))
                .isEqualTo("the named gift");
        assertThat(carol.withdraw(fromBob, List.of(receive(1, give(7)))).join(WAIT)).isEqualTo("the numbered gift");
        // Bytes that spell the integer's key are another id: one of each kind never meet.
        carol.deposit(fromAlice, List.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 8}, "bytes"));
        carol.deposit(fromAlice, List.of(8L, "eight"));
        assertThat(carol.withdraw(fromBob, List.of(receive(2, give(8)))).join(WAIT)).isEqualTo("eight");
    }

    @Test
    void aByteStringGiftIdOfNoOrTooManyBytesAbortsTheGiftersSession() {
        assertThatThrownBy(() -> carol.deposit(fromAlice, List.of(new byte[0], "gift")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("1 to 31 bytes");
        assertThatThrownBy(() -> carol.deposit(fromAlice, List.of(new byte[32], "gift")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("deposit-gift takes");
        assertThatThrownBy(() -> new GiftId.Named(new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedDepositAbortsTheGiftersSession() {
        assertThatThrownBy(() -> carol.deposit(fromAlice, List.of(-1L, "gift")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("deposit-gift takes");
        assertThatThrownBy(() -> carol.deposit(fromAlice, List.of("seven", "gift")))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void aDepositUnderAGiftIdInUseIsRefusedAndTheFirstGiftStays() {
        assertThat(carol.deposit(fromAlice, List.of(7L, "gift"))).isNull();
        Problem refused = carol.deposit(fromAlice, List.of(7L, "again"));
        assertThat(refused.kind()).isEqualTo(Problem.REFUSED);
        assertThat(refused.message()).startsWith("deposit refused: a gift is deposited under gift id");
        assertThat(fromAlice.problem()).isNull();
        assertThat(carol.withdraw(fromBob, List.of(receive(0, give(7)))).join(WAIT)).isEqualTo("gift");
    }

    @Test
    void theReceiverRefusesACertificateForAnotherNodeOrNamingItself() {
        OcapnHandoffs bob = new OcapnHandoffs(bobAt,
                node -> CompletableFuture.failedFuture(new IllegalStateException("no network here")), vat::run, PATIENCE);
        Session bobsFromAlice = session("alice, at bob's");
        bob.opened(bobsFromAlice, bobWithAlice, new PeerHello(raw(aliceWithCarol), aliceAt));

        HandoffGive forCarol = new HandoffGive(raw(carolWithAlice).toByteArray(), carolAt, gifterSession(),
                SessionIds.publicId(raw(aliceWithCarol).toByteArray()), new GiftId.Numbered(1));
        Object taken = bob.certificate(bobsFromAlice,
                new SigEnvelope(forCarol, aliceWithCarol.sign(CaptpWriter.encodeSigned(forCarol))));
        assertRefused((Promise<?>) taken, "for another node");

        HandoffGive fromBobsOwn = new HandoffGive(raw(bobWithAlice).toByteArray(), bobAt, gifterSession(),
                SessionIds.publicId(raw(aliceWithCarol).toByteArray()), new GiftId.Numbered(1));
        taken = bob.certificate(bobsFromAlice,
                new SigEnvelope(fromBobsOwn, aliceWithCarol.sign(CaptpWriter.encodeSigned(fromBobsOwn))));
        assertRefused((Promise<?>) taken, "naming this node as the exporter");

        Object unreachable = bob.certificate(bobsFromAlice, give(7));
        assertThatThrownBy(() -> ((Promise<?>) unreachable).join(WAIT)).hasMessageContaining("cannot reach");
    }

    @Test
    void theReceiverWithdrawsOverItsOpenSessionWithTheExporterAndPipelines() {
        List<Message> toCarol = new CopyOnWriteArrayList<>();
        Session bobsWithCarol = Session.unembargoed(vat, toCarol::add, vat.export(new Tally(), Counter.class),
                "carol, at bob's", 2);
        OcapnHandoffs bob = new OcapnHandoffs(bobAt, node -> CompletableFuture.completedFuture(bobsWithCarol),
                vat::run, PATIENCE);
        Session bobsFromAlice = session("alice, at bob's");
        bob.opened(bobsFromAlice, bobWithAlice, new PeerHello(raw(aliceWithCarol), aliceAt));
        bob.opened(bobsWithCarol, bobWithCarol, new PeerHello(raw(carolWithBob), carolAt));

        SigEnvelope give = give(7);
        Promise<?> gift = (Promise<?>) bob.certificate(bobsFromAlice, give);
        assertThat(Refs.pipelineOf(gift)).as("messages to the gift go to carol's answer").isNotNull();
        Message.Deliver withdraw = (Message.Deliver) toCarol.getFirst();
        assertThat(withdraw.target()).isEqualTo(new dev.erg.wire.codec.Descriptor.Export(0));
        assertThat(withdraw.method()).isEqualTo("withdraw-gift");
        SigEnvelope signed = (SigEnvelope) withdraw.args().getFirst();
        HandoffReceive receive = (HandoffReceive) signed.signed();
        assertThat(receive.signedGive()).isSameAs(give);
        assertThat(receive.handoffCount()).isZero();
        assertThat(receive.receivingSession()).isEqualTo(
                SessionIds.sessionId(raw(bobWithCarol).toByteArray(), raw(carolWithBob).toByteArray()));
        assertThat(receive.receivingSide()).isEqualTo(SessionIds.publicId(raw(bobWithCarol).toByteArray()));
        assertThat(Signatures.verify(raw(bobWithAlice).toByteArray(), CaptpWriter.encodeSigned(receive),
                signed.signature())).as("signed with bob's key of the session with alice").isTrue();

        bob.certificate(bobsFromAlice, give(8));
        assertThat(((HandoffReceive) ((SigEnvelope) ((Message.Deliver) toCarol.get(1)).args().getFirst()).signed())
                .handoffCount()).as("a fresh count").isEqualTo(1);
    }

    /** Alice's give of gift {@code giftId}, deposited with carol, to bob. */
    private SigEnvelope give(long giftId) {
        return give(new GiftId.Numbered(giftId));
    }

    private SigEnvelope give(GiftId giftId) {
        HandoffGive give = new HandoffGive(raw(bobWithAlice).toByteArray(), carolAt, gifterSession(),
                SessionIds.publicId(raw(aliceWithCarol).toByteArray()), giftId);
        return new SigEnvelope(give, aliceWithCarol.sign(CaptpWriter.encodeSigned(give)));
    }

    /** Bob's withdrawal from carol, with handoff count {@code count}. */
    private SigEnvelope receive(long count, SigEnvelope give) {
        HandoffReceive receive = new HandoffReceive(
                SessionIds.sessionId(raw(carolWithBob).toByteArray(), raw(bobWithCarol).toByteArray()),
                SessionIds.publicId(raw(bobWithCarol).toByteArray()), count, give);
        return new SigEnvelope(receive, bobWithAlice.sign(CaptpWriter.encodeSigned(receive)));
    }

    private byte[] gifterSession() {
        return SessionIds.sessionId(raw(aliceWithCarol).toByteArray(), raw(carolWithAlice).toByteArray());
    }

    private Session session(String peer) {
        return Session.unembargoed(vat, message -> { }, vat.export(new Tally(), Counter.class), peer, 2, carol);
    }

    private static Bytes raw(VatIdentity key) {
        return Bytes.of(StartSessions.rawKey(key));
    }

    private static byte[] flipped(byte[] signature) {
        byte[] changed = signature.clone();
        changed[10] ^= 1;
        return changed;
    }

    private static void assertRefused(Promise<?> promise, String why) {
        assertThat(promise.problemOrNull()).as("refused at once").isNotNull().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.REFUSED);
            assertThat(p.message()).contains(why);
        });
    }
}
