package dev.erg.captp.session;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.Resolver;
import dev.erg.vat.Vat;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.Unreadable;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One CapTP session with one peer, as a state machine that does no I/O: it is fed the
 * messages the peer sent ({@link #receive}) and puts the messages it sends into an
 * {@link Outbound}. It keeps the four tables of CapTP:
 *
 * <ul>
 * <li><b>exports</b>: our objects and promises the peer may use, by position (0 is our
 *     bootstrap object);</li>
 * <li><b>imports</b>: the peer's exports we hold, each a {@link RemoteTarget} behind our
 *     eventual references;</li>
 * <li><b>questions</b>: our messages whose answers the peer will send, each answered by
 *     {@code fulfill} or {@code break} to a settler we exported with the question;</li>
 * <li><b>answers</b>: the promises for the peer's questions, by the position the peer chose,
 *     so that it can pipeline messages to them before they settle.</li>
 * </ul>
 *
 * <p>Messages the peer sends are delivered through {@link Ref#send}, so they reach objects in
 * their own vats' turns; the session's own {@link Vat} runs only its bookkeeping turns
 * (sending answers back). When the connection is lost, {@link #lost} breaks every question,
 * every imported promise and every reference to the peer with the same problem.
 *
 * <p>Thread-safe. The session's lock guards its tables and is never held while calling into
 * promises, so it cannot deadlock with their locks.
 */
public final class Session {

    /** Notices imports nothing refers to any more; shared, since it needs one thread. */
    private static final Cleaner CLEANER = Cleaner.create();

    /** Answers the peer may keep us holding, and imports it may make us hold, by default. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final Vat vat;
    private final Outbound out;
    private final String peerName;
    private final ExportTable exports;
    private final Map<Long, ImportEntry> imports = new HashMap<>();
    private final Map<Long, Promise<Object>> importedPromises = new HashMap<>();
    private final Map<Long, Promise<Object>> answers = new HashMap<>();
    private final Map<Long, Remote> questions = new HashMap<>();
    private final GcBatch owed = new GcBatch();
    private final List<Consumer<Problem>> lossListeners = new ArrayList<>();
    private long nextQuestion;
    private volatile Problem problem;
    private final java.util.concurrent.atomic.LongAdder received = new java.util.concurrent.atomic.LongAdder();
    private final Peering peering;
    private final Handoffs handoffs;
    private final GiftBox gifts;
    /** The handoff count of our next withdrawal from the peer, and the last of the peer's from us. */
    private long nextHandoffCount;
    private long lastHandoffCount = -1;

    /** The bootstrap methods of three-party handoffs (spec section 8). */
    static final String DEPOSIT_GIFT = "deposit-gift";
    static final String WITHDRAW_GIFT = "withdraw-gift";

    /**
     * @param vat       runs the session's own turns: watching answers to send them back
     * @param out       where messages to the peer go
     * @param bootstrap what the peer finds at our export position 0
     * @param peerName  names the peer in problems, e.g. its vat id
     */
    public Session(Vat vat, Outbound out, Object bootstrap, String peerName) {
        this(vat, out, bootstrap, peerName, DEFAULT_MAX_ENTRIES);
    }

    /**
     * A session that lets the peer hold at most {@code maxEntries} answers and make us hold at
     * most {@code maxEntries} imports; a peer that asks for more is aborted.
     */
    public Session(Vat vat, Outbound out, Object bootstrap, String peerName, int maxEntries) {
        this(vat, out, bootstrap, peerName, maxEntries, null, null);
    }

    /**
     * A session with a peer the network layer authenticated, which takes part in three-party
     * handoffs through {@code handoffs}: references to third vats can be passed both ways.
     */
    public Session(Vat vat, Outbound out, Object bootstrap, Peering peering, Handoffs handoffs, int maxEntries) {
        this(vat, out, bootstrap, peering.peer().toString(), maxEntries, peering, handoffs);
    }

    private Session(Vat vat, Outbound out, Object bootstrap, String peerName, int maxEntries, Peering peering,
                    Handoffs handoffs) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
        }
        this.maxEntries = maxEntries;
        this.vat = vat;
        this.out = out;
        this.peerName = peerName;
        this.exports = new ExportTable(bootstrap);
        this.peering = peering;
        this.handoffs = handoffs;
        this.gifts = new GiftBox(maxEntries);
    }

    /** What the network layer proved about the peer; null for a session made without it. */
    public Peering peering() {
        return peering;
    }

    /** The peer's bootstrap object (its export 0), untyped; see {@link Ref#asType}. */
    public synchronized RemoteTarget peerBootstrap() {
        // Not counted: position 0 is never freed.
        ImportEntry entry = imports.get(0L);
        Remote remote = entry == null ? null : entry.remote.get();
        if (remote == null) {
            remote = new Remote(this, new Descriptor.Export(0));
            imports.put(0L, new ImportEntry(remote));
        }
        return remote;
    }

    /** Maps the references in messages we send to descriptors; for the network layer's encoder. */
    public ReferenceEncoder encoder() {
        return this::describe;
    }

    /** Maps descriptors in messages from the peer to objects; for the network layer's decoder. */
    public ReferenceDecoder decoder() {
        return this::resolve;
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
        received.increment();
        switch (message) {
            case Message.Deliver d -> deliver(d);
            case Message.DeliverOnly d -> deliverOnly(d);
            case Message.Listen l -> listen(l);
            case Message.GcExports gc -> gcExports(gc);
            case Message.GcAnswers gc -> gcAnswers(gc);
            case Message.Get get -> unsupported(get.answerPosition(), "get");
            case Message.Index index -> unsupported(index.answerPosition(), "index");
            case Message.Disembargo d -> disembargo(d);
            case Message.StartSession s -> throw protocol("start-session in an open session");
            case Message.Abort a -> throw protocol("abort must be handled by the connection");
        }
    }

    /**
     * Ends the session: every question, every imported promise and every reference to the
     * peer breaks with {@code why}. Idempotent.
     */
    public void lost(Problem why) {
        List<Settler> settlers;
        List<Consumer<Problem>> listeners;
        List<Resolver<Object>> heldBack;
        synchronized (this) {
            if (problem != null) {
                return;
            }
            problem = why;
            settlers = exports.settlers();
            listeners = List.copyOf(lossListeners);
            lossListeners.clear();
            questions.clear();
            answers.clear();
            owed.clear();
            heldBack = abandonEmbargoes();
        }
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

    /** How many messages the peer has sent in this session, for tests and metrics. */
    public long messagesReceived() {
        return received.sum();
    }

    /** Sizes of the four tables, for tests and metrics: exports, imports, questions, answers. */
    public synchronized int[] tableSizes() {
        return new int[] {exports.size(), imports.size(), questions.size(), answers.size()};
    }

    // ---- sending ----

    /** Sends a message to {@code remote} at the peer; returns the pipeline of its answer. */
    RemoteTarget sendTo(Remote remote, String method, Object[] args, Class<?> answerType, Resolver<Object> answer) {
        if (Embargo.MARKER.equals(method)) {
            reflect(remote, args, answer);
            return null;
        }
        List<Object> arguments = Arrays.asList(args == null ? new Object[0] : args);
        Problem gone;
        boolean retired;
        try {
            synchronized (this) {
                // Checked under the lock: once lost() has taken the settlers to break, none may be added.
                gone = problem != null ? problem : remote.broken();
                retired = remote.isRetired();
                if (gone == null && !retired) {
                    if (remote.embargo() != null) {
                        remote.embargo().hold(method, args, answer);
                        return null;
                    }
                    if (answer == null) {
                        send(new Message.DeliverOnly(remote.target(), method, arguments));
                        remote.markSentTo();
                        return null;
                    }
                    long question = nextQuestion++;
                    Remote pipeline = new Remote(this, new Descriptor.Answer(question));
                    questions.put(question, pipeline);
                    long settler = exports.export(new Settler(answer, answerType, question, -1));
                    send(new Message.Deliver(remote.target(), method, arguments, OptionalLong.of(question),
                            Optional.of(new Descriptor.ImportObject(settler))));
                    remote.markSentTo();
                    return pipeline;
                }
            }
        } catch (NotPassableException e) {
            if (answer != null) {
                answer.reject(e.problem());
                return null;
            }
            throw e;
        }
        if (gone != null) {
            if (answer != null) {
                answer.reject(gone);
            }
        } else {
            sendToRetired(remote, method, args, answer);
        }
        return null;
    }

    /** A message that raced with the answer it was pipelined to goes where the answer went. */
    private static void sendToRetired(Remote remote, String method, Object[] args, Resolver<Object> answer) {
        if (remote.brokenWith() != null) {
            if (answer != null) {
                answer.reject(remote.brokenWith());
            }
        } else {
            sendToValue(remote.answeredWith(), method, args, answer);
        }
    }

    // ---- receiving ----

    private void deliver(Message.Deliver d) {
        refuseMarker(d.method());
        Object target = targetOf(d.target());
        Unreadable unread = Unreadable.in(d.args());
        Promise<Object> answer;
        if (unread != null) {
            answer = Promise.broken(Problem.of(Problem.NOT_PASSABLE, "the arguments of %s cannot be read by the receiver: %s",
                    d.method(), unread.reason()));
        } else if (isBootstrap(d.target(), WITHDRAW_GIFT, d.method())) {
            answer = handoffs.withdraw(this, d.args());
        } else {
            answer = Ref.send(target, d.method(), d.args().toArray());
        }
        if (d.answerPosition().isPresent()) {
            long position = d.answerPosition().getAsLong();
            synchronized (this) {
                if (answers.putIfAbsent(position, answer) != null) {
                    throw protocol("answer position " + position + " is already in use");
                }
                checkLimit("answers", answers.size());
            }
        }
        d.resolver().ifPresent(settler -> reportTo(answer, importOf(settler)));
    }

    private void deliverOnly(Message.DeliverOnly d) {
        refuseMarker(d.method());
        Object target = targetOf(d.target());
        if (target instanceof Settler settler && d.target() instanceof Descriptor.Export export) {
            settle(settler, export.position(), d.method(), d.args());
        } else if (Unreadable.in(d.args()) != null) {
            // Nobody waits for a send-only message: there is no one to tell.
            return;
        } else if (isBootstrap(d.target(), DEPOSIT_GIFT, d.method())) {
            depositGift(d.args());
        } else {
            Refs.sendOnly(target, d.method(), d.args().toArray());
        }
    }

    /** Whether a message to {@code target} is {@code method} of the handoff protocol, which the session answers itself. */
    private boolean isBootstrap(Descriptor.Target target, String method, String called) {
        return handoffs != null && method.equals(called) && target instanceof Descriptor.Export e && e.position() == 0;
    }

    private void depositGift(List<Object> args) {
        if (args.size() != 2 || !(args.getFirst() instanceof byte[] id) || id.length < 1
                || id.length > Descriptor.MAX_GIFT_ID_BYTES) {
            throw protocol("deposit-gift takes a gift id of 1 to " + Descriptor.MAX_GIFT_ID_BYTES
                    + " bytes and a reference");
        }
        gifts.deposit(Bytes.of(id), args.get(1));
    }

    /** The gift our peer deposited under {@code id}, or {@code waiting}'s promise until it does. */
    Promise<Object> withdrawGift(Bytes id, Deferred<Object> waiting) {
        return gifts.withdraw(id, waiting);
    }

    void expireGift(Bytes id, Deferred<Object> waiting, Problem why) {
        gifts.expire(id, waiting, why);
    }

    /** A handoff count never used before in this session, for our next withdrawal. */
    synchronized long nextHandoffCount() {
        return nextHandoffCount++;
    }

    /** Whether the peer's withdrawal may use {@code count}: only counts above every one used before. */
    synchronized boolean acceptHandoffCount(long count) {
        if (count <= lastHandoffCount) {
            return false;
        }
        lastHandoffCount = count;
        return true;
    }

    private void settle(Settler settler, long position, String method, List<Object> args) {
        if (args.size() != 1) {
            throw protocol(method + " takes one argument, got " + args.size());
        }
        Object value = args.getFirst();
        boolean fulfilled = switch (method) {
            case Message.FULFILL -> true;
            case Message.BREAK -> false;
            default -> throw protocol("a resolver answers only fulfill and break, not " + method);
        };
        if (value instanceof Unreadable unread) {
            fulfilled = false;
            value = Problem.of(Problem.NOT_PASSABLE, "the answer cannot be read here: %s", unread.reason());
        }
        if (!fulfilled && !(value instanceof Problem)) {
            throw protocol("break takes a problem, got " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        Object typed = fulfilled ? Refs.asType(value, settler.answerType()) : null;
        synchronized (this) {
            exports.remove(position);
            importedPromises.remove(settler.promise());
            Remote pipeline = questions.remove(settler.question());
            if (pipeline != null && fulfilled && pipeline.wasSentTo() && exports.holds(value)) {
                holdBack(pipeline, settler, typed);
                return;
            }
            if (pipeline != null) {
                // Messages still pipelined to this answer go to its value now; the peer may free it.
                pipeline.retire(typed, fulfilled ? null : (Problem) value);
                answerFreed(settler.question());
            }
        }
        if (fulfilled) {
            settler.resolver().resolve(typed);
        } else {
            settler.resolver().reject((Problem) value);
        }
    }

    // ---- embargoes: an answer that loops back to us waits for what was pipelined to it ----

    /** Answers to our questions held back until the peer returns our disembargo, by embargo id. */
    private final Map<Long, Embargo> embargoes = new HashMap<>();
    private long nextEmbargo;

    /**
     * The peer answered with an object of ours, and messages we pipelined to the answer may
     * still be on their way back to it through the peer: later ones must wait behind them, so
     * the answer is held back until our disembargo comes back the same way. Under the lock.
     */
    private void holdBack(Remote pipeline, Settler settler, Object value) {
        long id = nextEmbargo++;
        Embargo embargo = new Embargo(pipeline, settler, value);
        embargoes.put(id, embargo);
        pipeline.embargo(embargo);
        send(new Message.Disembargo(pipeline.target(), id));
    }

    private void disembargo(Message.Disembargo d) {
        switch (d.target()) {
            // The peer asks for it back behind what it pipelined to this answer: it follows them.
            case Descriptor.Answer a -> Refs.sendOnly(targetOf(a), Embargo.MARKER, new Embargo.Marker(this, d.embargoId()));
            case Descriptor.Export _ -> lift(d.embargoId());
        }
    }

    /**
     * A message named as the marker: if it is the marker of a disembargo the peer asked for, it
     * has followed the peer's messages through the answer to {@code remote}, one of the peer's
     * exports, and the disembargo goes back in its place. Anything else stops here, as it would
     * at an object: a message merely so named, or a marker that reached another session or an
     * answer the peer asked about too early, which no embargo of the peer's waits for.
     */
    private void reflect(Remote remote, Object[] args, Resolver<Object> answer) {
        if (args != null && args.length == 1 && args[0] instanceof Embargo.Marker marker && marker.session() == this
                && remote.target() instanceof Descriptor.Export export) {
            synchronized (this) {
                if (problem == null) {
                    send(new Message.Disembargo(export, marker.id()));
                }
            }
        } else if (answer != null) {
            answer.reject(Problem.of(Problem.NOT_CALLABLE, "no object has a method named as the disembargo marker"));
        }
    }

    /**
     * Our disembargo is back: every message pipelined before it has reached the answer's value,
     * so the held ones follow, and then the answer settles.
     */
    private void lift(long id) {
        Embargo embargo;
        synchronized (this) {
            embargo = embargoes.remove(id);
            if (embargo == null) {
                throw protocol("no embargo " + id);
            }
            answerFreed(embargo.settler().question());
        }
        for (List<Embargo.Held> held = release(embargo); !held.isEmpty(); held = release(embargo)) {
            for (Embargo.Held m : held) {
                sendToValue(embargo.value(), m.method(), m.args(), m.answer());
            }
        }
        embargo.settler().resolver().resolve(embargo.value());
    }

    /**
     * The messages held so far; once there are none, retires the answer position so that
     * later messages go straight to the value, after those already sent there.
     */
    private synchronized List<Embargo.Held> release(Embargo embargo) {
        List<Embargo.Held> held = embargo.takeHeld();
        if (held.isEmpty()) {
            embargo.pipeline().retire(embargo.value(), null);
        }
        return held;
    }

    /** On loss: our promises for held-back answers and the answers of the messages held. Under the lock. */
    private List<Resolver<Object>> abandonEmbargoes() {
        List<Resolver<Object>> abandoned = new ArrayList<>();
        for (Embargo embargo : embargoes.values()) {
            abandoned.add(embargo.settler().resolver());
            for (Embargo.Held m : embargo.takeHeld()) {
                if (m.answer() != null) {
                    abandoned.add(m.answer());
                }
            }
        }
        embargoes.clear();
        return abandoned;
    }

    /** A peer may not use the marker's name: only a disembargo travels under it. */
    private static void refuseMarker(String method) {
        if (Embargo.MARKER.equals(method)) {
            throw protocol("method name reserved for disembargo");
        }
    }

    /** Sends a message meant for an answer to the value the answer turned out to be, here. */
    private static void sendToValue(Object value, String method, Object[] args, Resolver<Object> answer) {
        if (answer == null) {
            Refs.sendOnly(value, method, args);
        } else {
            answer.forward(Ref.send(value, method, args));
        }
    }

    private void listen(Message.Listen l) {
        reportTo(targetOf(l.target()), importOf(l.listener()));
    }

    /**
     * A settler at the peer serves once: after telling it, the import is dropped at once and
     * never reported in gc-exports, since the peer frees the settler itself.
     */
    private synchronized void forget(RemoteTarget told) {
        if (told instanceof Remote remote && remote.target() instanceof Descriptor.Export export) {
            ImportEntry entry = imports.get(export.position());
            if (entry != null && entry.remote.get() == remote) {
                imports.remove(export.position());
                entry.forgotten = true;
            }
        }
    }

    /**
     * Asks the peer to tell us when its object at {@code remote}, an import, breaks: a
     * {@code listen} on an object, which the peer answers only with {@code break}. Its settler
     * breaks the import with the session's problem, too, if the session is lost first.
     */
    void watch(Remote remote) {
        // Weakly: a watch must not keep an import that nothing else refers to from being released.
        WeakReference<Remote> watched = new WeakReference<>(remote);
        Resolver<Object> told = new Resolver<>() {
            @Override
            public void resolve(Object value) {
                // The peer breaks a watched object or says nothing: there is nothing to fulfil.
            }

            @Override
            public void forward(Promise<?> other) {
                // As for resolve.
            }

            @Override
            public void reject(Problem why) {
                Remote still = watched.get();
                if (still != null) {
                    still.broke(why);
                }
            }
        };
        Problem lostAlready;
        synchronized (this) {
            // Checked under the lock: once lost() has taken the settlers to break, none may be added.
            lostAlready = problem;
            if (lostAlready == null) {
                long settler = exports.export(new Settler(told, Object.class, -1, -1));
                send(new Message.Listen(remote.target(), new Descriptor.ImportObject(settler), false));
            }
        }
        if (lostAlready != null) {
            remote.broke(lostAlready);
        }
    }

    /**
     * Tells {@code listener} at the peer, by fulfill or break, what {@code subject} settles to;
     * for an object rather than a promise, tells it only if and when the object breaks.
     */
    private void reportTo(Object subject, RemoteTarget listener) {
        if (!(subject instanceof Promise<?>)) {
            vat.run(() -> Ref.monitor(subject, why -> {
                Refs.sendOnly(listener, Message.BREAK, why);
                forget(listener);
            }));
            return;
        }
        vat.run(() -> {
            Promise<Object> watched = subject instanceof Promise<?> p ? cast(p) : Promise.of(subject);
            watched.when(
                    value -> {
                        try {
                            Refs.sendOnly(listener, Message.FULFILL, value);
                        } catch (NotPassableException e) {
                            // The waiting side must hear why, not wait for an answer that cannot be sent.
                            Refs.sendOnly(listener, Message.BREAK,
                                    Problem.of(Problem.NOT_PASSABLE, "the answer cannot be sent: %s", e.getMessage()));
                        }
                        forget(listener);
                    },
                    why -> {
                        Refs.sendOnly(listener, Message.BREAK, why);
                        forget(listener);
                    });
        });
    }

    private void gcExports(Message.GcExports gc) {
        synchronized (this) {
            for (int i = 0; i < gc.positions().size(); i++) {
                long position = gc.positions().get(i);
                if (!exports.release(position, gc.wireDeltas().get(i))) {
                    throw protocol("gc-exports: cannot release " + gc.wireDeltas().get(i) + " of export " + position);
                }
            }
        }
    }

    private synchronized void gcAnswers(Message.GcAnswers gc) {
        for (long position : gc.positions()) {
            answers.remove(position);
        }
    }

    private void unsupported(long answerPosition, String op) {
        synchronized (this) {
            answers.put(answerPosition, Promise.broken(Problem.of(Problem.NOT_CALLABLE,
                    "%s is not supported: values are not selected into remotely", op)));
        }
    }

    // ---- descriptors ----

    private synchronized Descriptor describe(Object given) {
        Object reference = Refs.shorten(given);
        if (Refs.remoteTarget(reference) instanceof Remote remote) {
            if (remote.session() == this) {
                return remote.target();
            }
            if (handoffs == null) {
                throw new NotPassableException("a reference to another peer (" + remote
                        + ") cannot be passed to " + peerName + ": this session takes no handoffs");
            }
            return handoffs.give(remote, this);
        }
        if (reference instanceof Withdrawal withdrawal) {
            return withdrawal.envelope();
        }
        if (reference instanceof Promise<?> promise) {
            return new Descriptor.ImportPromise(exports.export(promise));
        }
        return new Descriptor.ImportObject(exports.export(reference));
    }

    private Object resolve(Descriptor descriptor, Class<?> expected) {
        return switch (descriptor) {
            case Descriptor.ImportObject i -> Refs.asType(importOf(i.position()), expected);
            case Descriptor.ImportPromise i -> Refs.asType(importedPromise(i.position()), expected);
            case Descriptor.Export e -> targetOf(e);
            case Descriptor.Answer a -> targetOf(a);
            case Descriptor.SignedEnvelope<?> envelope when handoffs != null -> switch (envelope.signed()) {
                case Descriptor.HandoffGive give -> Refs.asType(handoffs.receive(cast(envelope)), expected);
                case Descriptor.HandoffReceive receive -> new Withdrawal(cast(envelope));
            };
            default -> throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    "a " + descriptor.getClass().getSimpleName() + " cannot stand for a value"
                            + (handoffs == null ? " in a session that takes no handoffs" : ""));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Descriptor.Certificate> Descriptor.SignedEnvelope<T> cast(
            Descriptor.SignedEnvelope<?> envelope) {
        return (Descriptor.SignedEnvelope<T>) envelope;
    }

    /** The peer's export at {@code position}, counting one more reference received. */
    private synchronized Remote importOf(long position) {
        ImportEntry entry = imports.get(position);
        Remote remote = entry == null ? null : entry.remote.get();
        if (remote == null) {
            remote = new Remote(this, new Descriptor.Export(position));
            entry = new ImportEntry(remote);
            imports.put(position, entry);
            checkLimit("imports", imports.size());
            if (position != 0) {
                ImportEntry dropped = entry;
                CLEANER.register(remote, () -> dropped(position, dropped));
            }
        }
        entry.received++;
        return remote;
    }

    /**
     * Nothing here refers to the import any more: tell the peer how many references to it we
     * received, so that it frees the export unless more are in flight.
     */
    private synchronized void dropped(long position, ImportEntry entry) {
        if (imports.get(position) == entry) {
            imports.remove(position);
        }
        if (problem == null && !entry.forgotten) {
            owe(owed.importDropped(position, entry.received));
        }
    }

    /** Sends {@code message} behind the gc messages gathered so far. Under the lock. */
    private void send(Message message) {
        owed.drainTo(out);
        out.send(message);
    }

    /** The peer may free its answer at {@code position}. Under the lock. */
    private void answerFreed(long position) {
        owe(owed.answerFreed(position));
    }

    /** A gc message was gathered, the first since the last flush if {@code first}. Under the lock. */
    private void owe(boolean first) {
        if (owed.isFull()) {
            owed.drainTo(out);
        } else if (first) {
            out.flushSoon(this::flushGc);
        }
    }

    private synchronized void flushGc() {
        if (problem == null) {
            owed.drainTo(out);
        }
    }

    /** An import: weakly held, so that dropping every reference to it can be noticed. */
    private static final class ImportEntry {
        final WeakReference<Remote> remote;
        long received;
        /** A settler we have told: the peer frees it, so it is not reported. */
        boolean forgotten;

        ImportEntry(Remote remote) {
            this.remote = new WeakReference<>(remote);
        }
    }

    private Remote importOf(Descriptor.Import descriptor) {
        return importOf(descriptor.position());
    }

    /** Our promise for the peer's promise at {@code position}; the first time, asks to be told. */
    private Promise<Object> importedPromise(long position) {
        Deferred<Object> made;
        long settler;
        synchronized (this) {
            Promise<Object> known = importedPromises.get(position);
            if (known != null) {
                return known;
            }
            if (problem != null) {
                return Promise.broken(problem);
            }
            made = Refs.deferPipelined(importOf(position));
            importedPromises.put(position, made.promise());
            settler = exports.export(new Settler(made.resolver(), Object.class, -1, position));
            send(new Message.Listen(new Descriptor.Export(position), new Descriptor.ImportObject(settler), false));
        }
        return made.promise();
    }

    private synchronized Object targetOf(Descriptor.Target target) {
        return switch (target) {
            case Descriptor.Export e -> {
                Object exported = exports.get(e.position());
                if (exported == null) {
                    throw protocol("no export at position " + e.position());
                }
                yield exported;
            }
            case Descriptor.Answer a -> {
                Promise<Object> answer = answers.get(a.position());
                if (answer == null) {
                    throw protocol("no answer at position " + a.position());
                }
                yield answer;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Promise<Object> cast(Promise<?> p) {
        return (Promise<Object>) p;
    }

    private void checkLimit(String table, int size) {
        if (size > maxEntries) {
            throw new ProtocolException(ProtocolError.LIMIT_EXCEEDED,
                    table + ": " + size + " entries (expected: <= " + maxEntries + ")");
        }
    }

    private static ProtocolException protocol(String message) {
        return new ProtocolException(ProtocolError.INVALID_VALUE, message);
    }

    @Override
    public String toString() {
        return "Session[" + peerName + (problem == null ? "]" : ", lost: " + problem + "]");
    }
}
