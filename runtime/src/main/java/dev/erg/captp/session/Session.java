package dev.erg.captp.session;

import dev.erg.trace.TraceContext;
import dev.erg.vat.Deferred;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.LogLimiter;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.spi.Vats;
import dev.erg.vat.Resolver;
import dev.erg.vat.Vat;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One CapTP session with one peer, as a state machine that does no I/O: it is fed the
 * messages the peer sent ({@link #receive}) and puts the messages it sends into an
 * {@link Outbound}. It keeps the four tables of CapTP:
 *
 * <ul>
 * <li><b>exports</b>: our objects and promises the peer may use, by position (0 is our
 *     bootstrap object), in an {@link ExportTable};</li>
 * <li><b>imports</b>: the peer's exports we hold, each a {@link RemoteTarget} behind our
 *     eventual references, in {@link Imports};</li>
 * <li><b>questions</b>: our messages whose answers the peer will send, each answered by
 *     {@code fulfill} or {@code break} to a settler we exported with the question, in
 *     {@link Questions};</li>
 * <li><b>answers</b>: the promises for the peer's questions, by the position the peer chose,
 *     so that it can pipeline messages to them before they settle, in {@link Answers}.</li>
 * </ul>
 *
 * <p>Messages the peer sends are delivered through {@link Ref#send}, so they reach objects in
 * their own vats' turns, and their answers are sent back from the turns that settle them;
 * the session's own {@link Vat} runs only the turns that watch objects the peer listens to.
 * When the connection is lost, {@link #lost} breaks every question,
 * every imported promise and every reference to the peer with the same problem.
 *
 * <p>Thread-safe. The session's lock (its monitor, shared by the tables) guards the tables
 * and is never held while calling into promises, so it cannot deadlock with their locks.
 */
public final class Session {

    private static final LogLimiter LOG = LogLimiter.of(System.getLogger(Session.class.getName()));

    /** Answers the peer may keep us holding, and imports it may make us hold, by default. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** The bootstrap methods of three-party handoffs (spec section 8). */
    static final String DEPOSIT_GIFT = "deposit-gift";
    static final String WITHDRAW_GIFT = "withdraw-gift";

    private final int maxEntries;
    private final String peerName;
    final ExportTable exports;
    final Imports imports = new Imports(this);
    final Questions questions = new Questions(this);
    final Answers answers;
    final Embargoes embargoes = new Embargoes(this);
    final Sender sender;
    private final Descriptors descriptors;
    /* Made once: the network layer asks for the encoder with every message it sends. */
    private final ReferenceEncoder encoder;
    private final ReferenceDecoder decoder;
    private final List<Consumer<Problem>> lossListeners = new ArrayList<>();
    private volatile Problem problem;
    /** Counts what goes out, as {@link #receive} counts what comes in. */
    private final CountedOutbound out;
    /** Runs the session's own turns. */
    private final Vat vat;
    /** Whether the vat's runtime traces: then sends carry their trace context and deliveries run under theirs. */
    private final boolean traced;
    private final Peering peering;
    /** Whether the wire has disembargo: false on OCapN, whose answers settle at once (spec/ocapn.md section 10.3). */
    final boolean disembargoes;
    private final GiftBox gifts;
    private final Dispatch dispatch;
    /** The handoff count of our next withdrawal from the peer, and the last of the peer's from us. */
    private long nextHandoffCount;
    private long lastHandoffCount = -1;

    /**
     * @param vat       runs the session's own turns: watching objects the peer listens to
     * @param out       where messages to the peer go
     * @param bootstrap what the peer finds at our export position 0
     * @param peerName  names the peer in problems, e.g. its vat id
     */
    public Session(Vat vat, Outbound out, Object bootstrap, String peerName) {
        this(vat, out, bootstrap, peerName, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A session that lets the peer hold at most {@code maxEntries} answers and make us hold at
     * most {@code maxEntries} imports, the bootstrap object not counted: a call past either
     * limit breaks with a {@value Problem#LIMIT_EXCEEDED} problem and the session goes on; a
     * peer that keeps going, as many refusals again, is aborted.
     */
    public Session(Vat vat, Outbound out, Object bootstrap, String peerName, int maxEntries) {
        this(vat, out, bootstrap, peerName, maxEntries, null, null, null, true);
    }

    /**
     * A session over a wire without disembargo, OCapN's: an answer or imported promise that
     * turns out to be an object of ours, or of a third vat, settles at once, so a message sent
     * to it directly may overtake one pipelined to it through the peer earlier. Otherwise as
     * {@link #Session(Vat, Outbound, Object, String, int)}.
     */
    public static Session unembargoed(Vat vat, Outbound out, Object bootstrap, String peerName, int maxEntries) {
        return new Session(vat, out, bootstrap, peerName, maxEntries, null, null, null, false);
    }

    /**
     * As {@link #unembargoed(Vat, Outbound, Object, String, int)}, and the peer's
     * {@code deposit-gift} and {@code withdraw-gift} to our bootstrap object go to
     * {@code exchange}, which certifies three-party handoffs the way the wire does.
     */
    public static Session unembargoed(Vat vat, Outbound out, Object bootstrap, String peerName, int maxEntries,
                                      GiftExchange exchange) {
        return new Session(vat, out, bootstrap, peerName, maxEntries, null, null, exchange, false);
    }

    /**
     * A session with a peer the network layer authenticated, which takes part in three-party
     * handoffs through {@code handoffs}: references to third vats can be passed both ways.
     */
    public Session(Vat vat, Outbound out, Object bootstrap, Peering peering, Handoffs handoffs, int maxEntries) {
        this(vat, out, bootstrap, peering.peer().toString(), maxEntries, peering, handoffs, null, true);
    }

    private Session(Vat vat, Outbound out, Object bootstrap, String peerName, int maxEntries, Peering peering,
                    Handoffs handoffs, GiftExchange exchange, boolean disembargoes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
        }
        this.maxEntries = maxEntries;
        this.peerName = peerName;
        this.vat = vat;
        this.traced = Vats.traces(vat);
        this.exports = new ExportTable(bootstrap);
        this.answers = new Answers(this, vat);
        this.out = new CountedOutbound(out);
        this.sender = new Sender(this, this.out);
        this.descriptors = new Descriptors(this, handoffs);
        this.encoder = descriptors::describe;
        this.decoder = descriptors::resolve;
        this.peering = peering;
        this.disembargoes = disembargoes;
        this.gifts = new GiftBox(maxEntries);
        this.dispatch = new Dispatch(this, vat, traced, new Deliveries(this, handoffs, exchange, gifts));
    }

    /**
     * The session through which {@code reference} reaches its object, one of its imports or
     * answers; null if it is no such reference.
     */
    public static Session through(Object reference) {
        return Refs.remoteTarget(Refs.shorten(reference)) instanceof Remote remote ? remote.session() : null;
    }

    /** What the network layer proved about the peer; null for a session made without it. */
    public Peering peering() {
        return peering;
    }

    /** The peer's bootstrap object (its export 0), untyped; see {@link Ref#asType}. */
    public RemoteTarget peerBootstrap() {
        return imports.bootstrap();
    }

    /** Maps the references in messages we send to descriptors; for the network layer's encoder. */
    public ReferenceEncoder encoder() {
        return encoder;
    }

    /** Maps descriptors in messages from the peer to objects; for the network layer's decoder. */
    public ReferenceDecoder decoder() {
        return decoder;
    }

    /** Why the session ended, or null while it lasts. */
    public Problem problem() {
        return problem;
    }

    String peerName() {
        return peerName;
    }

    /**
     * Acts on one message from the peer.
     *
     * @throws ProtocolException if the message breaks the session's rules (an unknown
     *                           position, an answer position in use); the caller aborts
     */
    public void receive(Message message) {
        dispatch.receive(message);
    }

    /**
     * Ends the session: every question, every imported promise and every reference to the
     * peer breaks with {@code why}. Idempotent.
     */
    public void lost(Problem why) {
        List<Settler> settlers;
        List<Consumer<Problem>> listeners;
        List<Resolver<Object>> heldBack;
        List<Arrival> relayed;
        synchronized (this) {
            if (problem != null) {
                return;
            }
            problem = why;
            settlers = exports.settlers();
            exports.clear();
            imports.clear();
            listeners = List.copyOf(lossListeners);
            lossListeners.clear();
            questions.clear();
            answers.clear();
            sender.clear();
            heldBack = embargoes.abandon();
            relayed = embargoes.abandonRelays();
        }
        // A disembargo relayed on a path that broke has nothing left to wait for.
        relayed.forEach(Arrival::arrived);
        gifts.close(why);
        for (Consumer<Problem> listener : listeners) {
            listener.accept(why);
        }
        for (Settler s : settlers) {
            try {
                s.resolver().reject(why);
            } catch (IllegalStateException alreadySettled) {
                // It settled in the meantime: nothing to break.
            }
        }
        for (Resolver<Object> r : heldBack) {
            r.reject(why);
        }
    }

    /**
     * Calls {@code listener} once, with the problem, when the session is lost (at once if it
     * is lost already). The listener must only queue work.
     */
    public void whenLost(Consumer<Problem> listener) {
        Problem already;
        synchronized (this) {
            already = problem;
            if (already == null) {
                lossListeners.add(listener);
            }
        }
        if (already != null) {
            listener.accept(already);
        }
    }

    /** Stops telling {@code listener}, given to {@link #whenLost}, and lets go of it. */
    public synchronized void forgetLost(Consumer<Problem> listener) {
        lossListeners.remove(listener);
    }

    /** How many messages the peer has sent in this session, for tests and metrics. */
    public long messagesReceived() {
        return dispatch.received();
    }

    /**
     * How many promises the peer asked to be told of (the answers to its questions, and those
     * it listens to) have not yet been told: not settled yet, or being told now.
     */
    public synchronized int untoldSettlements() {
        return answers.untold();
    }

    /** How many messages we have sent the peer in this session, gc messages included, for metrics. */
    public long messagesSent() {
        return out.sent();
    }

    /** Sizes of the four tables, for tests and metrics: exports, imports, questions, answers. */
    public synchronized int[] tableSizes() {
        return new int[] {exports.size(), imports.size(), questions.size(), answers.size()};
    }

    // ---- sending ----

    /**
     * Runs {@code action} once the message this session is encoding now is queued whole, and
     * never if it is not: for an encoder that hands a reference to a third vat over as it
     * encodes it, to deposit the gift only with a message that carries it. Call it while
     * encoding one of this session's messages.
     */
    public void whenQueued(Runnable action) {
        synchronized (this) {
            sender.whenQueued(action);
        }
    }

    /** The trace context of the send being made on this thread, if traced. */
    Optional<TraceContext> outgoingTrace() {
        return traced ? Optional.ofNullable(Vats.outgoingTrace()) : Optional.empty();
    }

    /** What the peer names by {@code target}: one of our exports, or one of its answers here. */
    synchronized Object targetOf(Descriptor.Target target) {
        return switch (target) {
            case Descriptor.Export e -> {
                Object exported = exports.get(e.position());
                if (exported == null) {
                    throw rule("no export at position " + e.position());
                }
                yield exported;
            }
            case Descriptor.Answer a -> answers.get(a.position());
        };
    }

    // ---- three-party handoffs ----

    /**
     * Keeps {@code gift}, which our peer deposited under {@code id}, for the withdrawal that
     * names it, or hands it to the one waiting; until the session ends. Returns null, or why
     * the deposit is refused: the peer used the id before in this session, and the gift it
     * deposited under it then stays. A refusal is counted as a {@link PeerFault#REFUSED_DEPOSIT}
     * and logged, a line per interval at most.
     *
     * @throws ProtocolException if the peer deposits too many gifts
     */
    public Problem depositGift(Bytes id, Object gift) {
        Problem refused = gifts.deposit(id, gift);
        if (refused != null) {
            Refs.countFault(PeerFault.REFUSED_DEPOSIT);
            LOG.log(System.Logger.Level.INFO, "refused deposit",
                    () -> "refused deposit-gift from " + peerName + ": " + refused.message(), null);
        }
        return refused;
    }

    /**
     * The gift our peer deposited under {@code id}, taken out; if it has not come yet, a
     * promise its deposit resolves, broken if it does not come within {@code patience} or
     * too many withdrawals wait already. A gift withdrawn before is refused.
     */
    public Promise<Object> awaitGift(Bytes id, Duration patience) {
        Deferred<Object> waiting = Promise.defer();
        Promise<Object> gift = gifts.withdraw(id, waiting);
        if (gift == waiting.promise()) {
            vat.run(() -> vat.timer().after(patience).when(
                    x -> gifts.expire(id, waiting, Problem.of(Problem.UNAVAILABLE,
                            "the gift was not deposited within %s", patience.toMillis() % 1000 == 0
                                    ? patience.toSeconds() + " s" : patience.toMillis() + " ms")),
                    p -> { }));
        }
        return gift;
    }

    /** A handoff count never used before in this session, for our next withdrawal from the peer. */
    public synchronized long nextHandoffCount() {
        return nextHandoffCount++;
    }

    /** Whether the peer's withdrawal may use {@code count}: only counts above every one used before. */
    public synchronized boolean acceptHandoffCount(long count) {
        if (count <= lastHandoffCount) {
            return false;
        }
        lastHandoffCount = count;
        return true;
    }

    // ---- limits and errors ----

    int maxEntries() {
        return maxEntries;
    }

    /**
     * Aborts a peer that keeps going past a limit: {@code size} entries of {@code table}, where
     * the peer may hold {@link #maxEntries()} and is refused, call by call, up to as many again.
     */
    void checkLimit(String table, int size) {
        if (size > 2L * maxEntries) {
            throw new ProtocolException(ProtocolError.LIMIT_EXCEEDED, table + ": " + size
                    + " entries, after refusals past the limit of " + maxEntries);
        }
    }

    /** A message's values are out of range for what it asks. */
    static ProtocolException protocol(String message) {
        return new ProtocolException(ProtocolError.INVALID_VALUE, message);
    }

    /** A message breaks the session's rules (spec section 9.2). */
    static ProtocolException rule(String message) {
        return new ProtocolException(ProtocolError.SESSION_RULE, message);
    }

    @Override
    public String toString() {
        return "Session[" + peerName + (problem == null ? "]" : ", lost: " + problem + "]");
    }
}
