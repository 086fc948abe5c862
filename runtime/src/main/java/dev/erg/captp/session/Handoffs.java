package dev.erg.captp.session;

import dev.erg.crypto.Signatures;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.HandoffReceive;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.WireCodec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three-party handoffs for the sessions of one vat (spec section 6.2): when this vat passes a
 * reference to an object of vat C to vat B, B gets it from C directly, and this vat is not in
 * the path of B's messages to it.
 *
 * <ul>
 * <li>As <b>gifter</b>, it deposits the reference with C's bootstrap object under a fresh gift
 *     id and passes B a handoff-give certificate signed with this vat's key.</li>
 * <li>As <b>receiver</b>, it connects to C, signs a handoff-receive that wraps the give, and
 *     withdraws the gift.</li>
 * <li>As <b>exporter</b>, it checks both signatures, that the withdrawal names the session it
 *     came in on and a handoff count never used in it (no replays), and answers with the
 *     deposit, waiting for it when the withdrawal comes first.</li>
 * </ul>
 *
 * <p>A refused certificate breaks the withdrawal with a {@value Problem#REFUSED} problem.
 * Thread-safe.
 */
public final class Handoffs {

    /** How long a withdrawal waits for its gift to be deposited. */
    static final Duration DEPOSIT_WAIT = Duration.ofSeconds(30);

    /** Names the sessions this vat runs, so that it can find the gifter's session of a give. */
    private final Map<Bytes, Session> sessions = new ConcurrentHashMap<>();
    private final VatIdentity self;
    private final Bytes selfKey;
    private final Vat vat;
    private final Dialer dialer;
    private final SecureRandom random;

    /** Finds or opens the session with a vat, for withdrawing a gift from it. */
    @FunctionalInterface
    public interface Dialer {
        /** The live session with {@code vat}, dialing {@code hints} ({@code host:port}) if there is none. */
        CompletableFuture<Session> session(VatId vat, List<String> hints);
    }

    /**
     * @param self   this vat's identity, which signs its certificates
     * @param vat    runs the handoffs' own turns
     * @param dialer reaches exporters
     * @param random makes gift ids
     */
    public Handoffs(VatIdentity self, Vat vat, Dialer dialer, SecureRandom random) {
        this.self = self;
        this.selfKey = Bytes.of(Signatures.rawPublicKey(self.publicKey()));
        this.vat = vat;
        this.dialer = dialer;
        this.random = random;
    }

    /** Starts tracking {@code session}, until it is lost, so that gifts deposited in it can be found. */
    public void opened(Session session) {
        Bytes id = session.peering().sessionId();
        if (id != null) {
            sessions.put(id, session);
            session.whenLost(why -> sessions.remove(id, session));
        }
    }

    // ---- gifter ----

    /**
     * Returns the certificate that lets the peer of {@code to} withdraw {@code gift} (a
     * reference into {@code gift.session()}'s peer), and deposits the gift once the message
     * of {@code to} being encoded, which carries the certificate, is queued.
     *
     * @throws NotPassableException if either session cannot take part in a handoff
     */
    SignedEnvelope<HandoffGive> give(Remote gift, Session to) {
        Session exporter = gift.session();
        Peering from = exporter.peering();
        Peering receiver = to.peering();
        if (from == null || receiver == null || from.sessionId() == null) {
            throw new NotPassableException("a reference to vat " + exporter.peerName() + " cannot be handed to "
                    + to.peerName() + ": the session with " + exporter.peerName() + " has no session id to sign");
        }
        byte[] giftId = new byte[16];
        random.nextBytes(giftId);
        HandoffGive give = new HandoffGive(receiver.peerKey(), Bytes.of(from.peer().bytes()), from.peerHints(),
                from.sessionId(), Bytes.of(self.vatId().bytes()), Bytes.of(giftId));
        // Only once the message carrying the certificate is queued, and from a turn of our own:
        // the caller holds the receiver's session lock.
        to.whenQueued(() -> vat.run(
                () -> Refs.sendOnly(exporter.peerBootstrap(), Session.DEPOSIT_GIFT, giftId, gift)));
        return new SignedEnvelope<>(give, Bytes.of(self.sign(WireCodec.signedBytes(give))));
    }

    // ---- receiver ----

    /** A promise for the reference {@code envelope} hands to this vat, withdrawn from its exporter. */
    Promise<Object> receive(SignedEnvelope<HandoffGive> envelope) {
        HandoffGive give = envelope.signed();
        if (!give.receiverKey().equals(selfKey)) {
            return Promise.broken(Problem.of(Problem.REFUSED, "a handoff certificate for another vat"));
        }
        VatId exporter = VatId.fromBytes(give.exporterVatId().toByteArray());
        if (exporter.equals(self.vatId())) {
            return Promise.broken(Problem.of(Problem.REFUSED, "a handoff certificate naming this vat as the exporter"));
        }
        Deferred<Object> gift = Promise.defer();
        vat.run(() -> dialer.session(exporter, give.exporterHints()).whenComplete((session, failure) -> {
            if (failure != null) {
                Throwable why = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                gift.resolver().reject(Problem.of(Problem.UNAVAILABLE, "cannot reach vat %s to take a handoff: %s",
                        exporter, why.getMessage()));
                return;
            }
            Bytes sessionId = session.peering() == null ? null : session.peering().sessionId();
            if (sessionId == null) {
                gift.resolver().reject(Problem.of(Problem.UNAVAILABLE,
                        "the session with vat %s has no session id to sign a handoff with", exporter));
                return;
            }
            HandoffReceive receive = new HandoffReceive(sessionId, Bytes.of(self.vatId().bytes()),
                    session.nextHandoffCount(), envelope);
            Withdrawal withdrawal = new Withdrawal(
                    new SignedEnvelope<>(receive, Bytes.of(self.sign(WireCodec.signedBytes(receive)))));
            gift.resolver().forward(Ref.send(session.peerBootstrap(), Session.WITHDRAW_GIFT, withdrawal));
        }));
        return gift.promise();
    }

    // ---- exporter ----

    /** Answers a withdraw-gift that the peer of {@code to} sent with {@code args}. */
    Promise<Object> withdraw(Session to, List<Object> args) {
        if (args.size() != 1 || !(args.getFirst() instanceof Withdrawal withdrawal)) {
            return Promise.broken(Problem.of(Problem.NOT_CALLABLE, "withdraw-gift takes one signed handoff-receive"));
        }
        HandoffReceive receive = withdrawal.envelope().signed();
        HandoffGive give = receive.signedGive().signed();
        Peering receiver = to.peering();
        if (receiver == null || receiver.sessionId() == null) {
            return refused("this session has no id, so it takes no handoffs");
        }
        if (!give.receiverKey().equals(receiver.peerKey())) {
            return refused("the gift was given to another vat than " + receiver.peer());
        }
        if (!verify(give.receiverKey(), receive, withdrawal.envelope().signature())) {
            return refused("the handoff-receive is not signed by the receiver's key");
        }
        if (!receive.receivingSession().equals(receiver.sessionId())
                || !receive.receivingSide().equals(Bytes.of(receiver.peer().bytes()))) {
            return refused("the handoff-receive names another session");
        }
        if (!give.exporterVatId().equals(Bytes.of(self.vatId().bytes()))) {
            return refused("the gift was deposited with another vat");
        }
        Session gifter = sessions.get(give.session());
        if (gifter == null) {
            return Promise.broken(Problem.of(Problem.UNAVAILABLE,
                    "the gifter's session with this vat is not open: its gifts are gone"));
        }
        if (!give.gifterSide().equals(Bytes.of(gifter.peering().peer().bytes()))
                || !verify(gifter.peering().peerKey(), give, receive.signedGive().signature())) {
            return refused("the handoff-give is not signed by the gifter of that session");
        }
        if (!to.acceptHandoffCount(receive.handoffCount())) {
            return refused("handoff count " + receive.handoffCount() + " was used before in this session");
        }
        return gifter.awaitGift(give.giftId(), DEPOSIT_WAIT);
    }

    private static boolean verify(Bytes key, Descriptor.Certificate signed, Bytes signature) {
        return Signatures.verify(key.toByteArray(), WireCodec.signedBytes(signed), signature.toByteArray());
    }

    private static Promise<Object> refused(String why) {
        return Promise.broken(Problem.of(Problem.REFUSED, "handoff refused: %s", why));
    }
}
