package dev.erg.ocapn.session;

import dev.erg.captp.session.GiftExchange;
import dev.erg.captp.session.Session;
import dev.erg.crypto.Signatures;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpValues;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.GiftId;
import dev.erg.ocapn.captp.HandoffGive;
import dev.erg.ocapn.captp.HandoffReceive;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.ocapn.captp.SigEnvelope;
import dev.erg.ocapn.syrup.ReferenceCodec;
import dev.erg.ocapn.syrup.SyrupWriter;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Three-party handoffs between one node's OCapN sessions ({@code spec/ocapn.md} section 9):
 * when this node passes a peer a reference to an object of a third node, the peer takes it
 * from that node directly.
 *
 * <ul>
 * <li>As <b>gifter</b> ({@link #giver}), it deposits the reference with the exporter's
 *     bootstrap object under a gift id new in the gifter-exporter session, and writes the
 *     receiver a {@code desc:handoff-give} signed with its key of that session.</li>
 * <li>As <b>receiver</b> ({@link #certificate}), it reaches the exporter, dialing it if no
 *     session is open, and sends {@code withdraw-gift} with a {@code desc:handoff-receive}
 *     signed with its key of the gifter-receiver session and a handoff count new in the
 *     exporter-receiver session; the reference passed becomes the promise of the answer.</li>
 * <li>As <b>exporter</b> ({@link #deposit}, {@link #withdraw}), it checks both signatures,
 *     that the gifter's side and session are those of an open session, that the withdrawal
 *     names the session it came in on and a handoff count never used in it, and answers with
 *     the gift, waiting for its deposit at most {@code patience}.</li>
 * </ul>
 *
 * <p>A refused withdrawal breaks its answer with a {@value Problem#REFUSED} problem saying
 * why; nothing a peer sends makes it throw but a malformed {@code deposit-gift}, which aborts
 * the gifter's session. A deposit under a gift id in use is refused, and the session goes on.
 * Thread-safe.
 */
public final class OcapnHandoffs implements GiftExchange {

    /** How long a withdrawal waits for its gift to be deposited, by default. */
    public static final Duration DEPOSIT_WAIT = Duration.ofSeconds(30);

    static final String DEPOSIT_GIFT = "deposit-gift";
    static final String WITHDRAW_GIFT = "withdraw-gift";

    /** Finds or opens the session with an OCapN node. */
    @FunctionalInterface
    public interface Dialer {
        /** The open session with {@code node}, dialed if there is none. */
        CompletableFuture<Session> session(PeerLocator node);
    }

    /** One open session's sides: our key in it, what the peer said, and the gift ids we gave in it. */
    private record Sides(VatIdentity ours, PeerHello peer, byte[] sessionId, byte[] ourSide, AtomicLong gifts) {
        static Sides of(VatIdentity ours, PeerHello peer) {
            byte[] ourKey = StartSessions.rawKey(ours);
            return new Sides(ours, peer, SessionIds.sessionId(ourKey, peer.sessionKey().toByteArray()),
                    SessionIds.publicId(ourKey), new AtomicLong());
        }
    }

    private final Map<Session, Sides> bySession = new ConcurrentHashMap<>();
    private final Map<Bytes, Session> byId = new ConcurrentHashMap<>();
    private final PeerLocator self;
    private final Dialer dialer;
    private final Executor deposits;
    private final Duration patience;

    /**
     * @param self     this node (its designator and transport)
     * @param dialer   reaches exporters
     * @param deposits runs the sends of {@code deposit-gift}, away from the thread encoding the give
     * @param patience how long a withdrawal waits for its deposit
     */
    public OcapnHandoffs(PeerLocator self, Dialer dialer, Executor deposits, Duration patience) {
        this.self = Objects.requireNonNull(self, "self");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.deposits = Objects.requireNonNull(deposits, "deposits");
        if (patience.isNegative() || patience.isZero()) {
            throw new IllegalArgumentException("patience: " + patience + " (expected: > 0)");
        }
        this.patience = patience;
    }

    /** {@code session} opened, keyed on our side by {@code ours}, with the peer {@code peer}; until {@link #closed}. */
    public void opened(Session session, VatIdentity ours, PeerHello peer) {
        Sides sides = Sides.of(ours, peer);
        bySession.put(session, sides);
        byId.put(Bytes.of(sides.sessionId()), session);
    }

    /** {@code session} ended: the gifts deposited in it went with it. */
    public void closed(Session session) {
        Sides sides = bySession.remove(session);
        if (sides != null) {
            byId.remove(Bytes.of(sides.sessionId()), session);
        }
    }

    // ---- gifter ----

    /**
     * Writes, in messages to the peer of {@code to}, the values a session's own references do
     * not: a signed withdrawal as it is, and a reference into another OCapN session of this
     * node as a signed {@code desc:handoff-give}, depositing the gift.
     */
    public ReferenceCodec giver(Session to) {
        return ReferenceCodec.writeOnly((value, out) -> {
            if (value instanceof SigEnvelope envelope) {
                return CaptpValues.INSTANCE.write(envelope, out);
            }
            Session exporter = Session.through(value);
            if (exporter == null || exporter == to) {
                return false;
            }
            Sides from = bySession.get(exporter);
            Sides receiver = bySession.get(to);
            if (from == null || receiver == null) {
                // Not an OCapN session of ours: the session's own encoder refuses it.
                return false;
            }
            return CaptpValues.INSTANCE.write(give(value, exporter, from, to, receiver), out);
        });
    }

    /** The certificate for {@code gift}, in a message of {@code to}; the gift is deposited once that message is queued. */
    private SigEnvelope give(Object gift, Session exporter, Sides from, Session to, Sides receiver) {
        long giftId = from.gifts().getAndIncrement();
        HandoffGive give = new HandoffGive(receiver.peer().sessionKey().toByteArray(), from.peer().location(),
                from.sessionId(), from.ourSide(), new GiftId.Numbered(giftId));
        to.whenQueued(() -> deposits.execute(() -> Refs.sendOnly(exporter.peerBootstrap(), DEPOSIT_GIFT, giftId, gift)));
        return new SigEnvelope(give, from.ours().sign(CaptpWriter.encodeSigned(give)));
    }

    // ---- receiver ----

    /**
     * What a signed certificate that the peer of {@code from} sent stands for: a
     * {@code desc:handoff-give} for this node, the promise of the gift withdrawn from its
     * exporter; a {@code desc:handoff-receive}, itself, as the argument of a withdrawal.
     */
    public Object certificate(Session from, SigEnvelope envelope) {
        return switch (envelope.signed()) {
            case HandoffGive give -> receive(from, give, envelope);
            default -> envelope;
        };
    }

    private Promise<Object> receive(Session from, HandoffGive give, SigEnvelope envelope) {
        Sides via = bySession.get(from);
        if (via == null) {
            return Promise.broken(Problem.of(Problem.UNAVAILABLE, "a handoff certificate from a session that ended"));
        }
        if (!Arrays.equals(give.receiverKey(), StartSessions.rawKey(via.ours()))) {
            return refused("a handoff certificate for another node");
        }
        if (give.exporterLocation().sameNode(self)) {
            return refused("a handoff certificate naming this node as the exporter");
        }
        CompletableFuture<Session> exporter = dialer.session(give.exporterLocation());
        if (exporter.isDone() && !exporter.isCompletedExceptionally()) {
            // The session is open: the answer can be pipelined to at once.
            return withdrawal(exporter.join(), via, give, envelope);
        }
        Deferred<Object> gift = Promise.defer();
        exporter.whenComplete((session, failure) -> gift.resolver().forward(session != null
                ? withdrawal(session, via, give, envelope)
                : unreachable(give, (failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure).getMessage())));
        return gift.promise();
    }

    /** Withdraws the gift {@code envelope} certifies from the exporter at the other end of {@code session}. */
    private Promise<Object> withdrawal(Session session, Sides via, HandoffGive give, SigEnvelope envelope) {
        Sides toExporter = bySession.get(session);
        if (toExporter == null) {
            return unreachable(give, "the session ended");
        }
        HandoffReceive receive = new HandoffReceive(toExporter.sessionId(), toExporter.ourSide(),
                session.nextHandoffCount(), envelope);
        SigEnvelope signed = new SigEnvelope(receive, via.ours().sign(CaptpWriter.encodeSigned(receive)));
        return Ref.send(session.peerBootstrap(), WITHDRAW_GIFT, signed);
    }

    private static Promise<Object> unreachable(HandoffGive give, String why) {
        return Promise.broken(Problem.of(Problem.UNAVAILABLE, "cannot reach %s to take a handoff: %s",
                LocatorUris.format(give.exporterLocation()), why));
    }

    // ---- exporter ----

    @Override
    public Problem deposit(Session from, List<Object> args) {
        GiftId id;
        try {
            if (args.size() != 2) {
                throw new IllegalArgumentException("it takes 2 arguments, given " + args.size());
            }
            id = GiftId.of(args.getFirst());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, "deposit-gift takes a gift id (an integer "
                    + "from 0 or 1 to " + GiftId.MAX_BYTES + " bytes) and a reference: " + e.getMessage());
        }
        return from.depositGift(giftKey(id), args.get(1));
    }

    @Override
    public Promise<Object> withdraw(Session to, List<Object> args) {
        if (args.size() != 1 || !(args.getFirst() instanceof SigEnvelope envelope)
                || !(envelope.signed() instanceof HandoffReceive receive)) {
            return Promise.broken(Problem.of(Problem.NOT_CALLABLE,
                    "withdraw-gift takes one signed desc:handoff-receive"));
        }
        Sides receiver = bySession.get(to);
        if (receiver == null) {
            return refused("the session it came in on has ended");
        }
        HandoffGive give = (HandoffGive) receive.signedGive().signed();
        if (!give.exporterLocation().sameNode(self)) {
            return refused("the gift was deposited with another node");
        }
        if (!verify(give.receiverKey(), receive, envelope.signature())) {
            return refused("the handoff-receive is not signed by the receiver's key");
        }
        if (!Arrays.equals(receive.receivingSession(), receiver.sessionId())
                || !Arrays.equals(receive.receivingSide(), receiver.peer().publicId().toByteArray())) {
            return refused("the handoff-receive names another session than the one it came in on");
        }
        Session gifter = byId.get(Bytes.of(give.session()));
        Sides gifterSides = gifter == null ? null : bySession.get(gifter);
        if (gifterSides == null) {
            return Promise.broken(Problem.of(Problem.UNAVAILABLE,
                    "handoff failed: the gifter's session with this node is not open, so its gifts are gone"));
        }
        if (!Arrays.equals(give.gifterSide(), gifterSides.peer().publicId().toByteArray())
                || !verify(gifterSides.peer().sessionKey().toByteArray(), give, receive.signedGive().signature())) {
            return refused("the handoff-give is not signed by the gifter's side of the session it names");
        }
        if (!to.acceptHandoffCount(receive.handoffCount())) {
            return refused("handoff count " + receive.handoffCount() + " was used before in this session");
        }
        return gifter.awaitGift(giftKey(give.giftId()), patience);
    }

    private static boolean verify(byte[] key, Object certificate, byte[] signature) {
        try {
            return Signatures.verify(key, CaptpWriter.encodeSigned(certificate), signature);
        } catch (RuntimeException unusableKey) {
            return false;
        }
    }

    /**
     * The engine keys gifts by bytes: a kind byte, then the integer's 8 bytes or the byte
     * string, so that ids of the two kinds never meet.
     */
    private static Bytes giftKey(GiftId id) {
        return Bytes.of(switch (id) {
            case GiftId.Numbered n -> ByteBuffer.allocate(1 + Long.BYTES).put((byte) 0).putLong(n.value()).array();
            case GiftId.Named n -> {
                byte[] bytes = n.bytes();
                yield ByteBuffer.allocate(1 + bytes.length).put((byte) 1).put(bytes).array();
            }
        });
    }

    private static Promise<Object> refused(String why) {
        return Promise.broken(Problem.of(Problem.REFUSED, "handoff refused: %s", why));
    }
}
