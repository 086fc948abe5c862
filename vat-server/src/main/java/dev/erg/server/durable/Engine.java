package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Problem;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.LogLimiter;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the turns of durable objects, one at a time on a thread of its own, and commits them
 * in batches: a batch's state changes, letters sent, receipts and acknowledgements go to the
 * store in one transaction, and only then are answers given, receipts returned and letters
 * handed to the {@link Pump}. A batch holds at most {@code maxBatch} turns; 1 commits each
 * turn alone.
 *
 * <p>A failed commit breaks the batch's callers and undoes its turns; the engine then
 * reconnects through its {@link StoreLink}, refusing calls at once meanwhile, reads its state
 * again and carries on. The callers of a commit that failed while committing wait, at most
 * {@link #DOUBT_WAIT}, to learn from the store whether it was made.
 *
 * <p>Work comes from any thread into a queue ({@link WorkQueue}), as {@link Work}; all else is
 * confined to the engine's thread: each work item run ({@link WorkDispatch}), the objects in
 * memory ({@link LiveObjects}), the turn running ({@link TurnRunner}), the streams in and out
 * ({@link LetterIntake}, {@link OutStreams}), the numbers handed out ({@link EngineCounters})
 * and the commits with what waits on them ({@link Committer}).
 */
final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** For what peers' letters and receipts cause, which a peer may repeat at will. */
    static final LogLimiter PEER_CAUSED = LogLimiter.of(System.getLogger(Engine.class.getName()));

    /** How long the callers of a batch in doubt wait to learn whether it was committed, at most. */
    static final Duration DOUBT_WAIT = Duration.ofSeconds(10);

    private final JdbcStore store;
    private final StateCodec codec = new StateCodec();
    private final Map<String, Kind<?, ?>> kinds;
    private final int maxBatch;
    private final long generation;
    private final String vatId;
    private final Thread thread;
    private final SecureRandom random = new SecureRandom();
    private final StoreLink link;
    private final WorkQueue inbox;
    private final Committer committer;
    private final EngineCounters counters;

    // Confined to the engine's thread.
    private final LiveObjects objects;
    private final OutStreams outStreams;
    private final TurnRunner runner;
    private final LetterIntake letters;
    private final WorkDispatch dispatch;
    private final Map<String, Long> roots;
    private final Alarms alarms;

    Engine(JdbcStore store, String vatId, Map<String, Kind<?, ?>> kinds, int maxBatch,
           Function<SwissNumber, Long> targets, Alarms alarms) {
        this.store = store;
        this.vatId = vatId;
        this.kinds = kinds;
        this.maxBatch = maxBatch;
        this.generation = store.generation();
        this.link = new StoreLink(store, alarms, vatId, this::stopPump);
        this.inbox = new WorkQueue(link);
        this.committer = new Committer(store, link);
        this.objects = new LiveObjects(store, kinds, codec);
        this.outStreams = new OutStreams(store, alarms, random);
        this.runner = new TurnRunner(this, codec, objects, outStreams);
        this.letters = new LetterIntake(store, alarms, generation, new LetterCalls(codec, targets, generation,
                objects::get, runner::turn, new Inlets(this, codec, targets, runner)));
        this.dispatch = new WorkDispatch(store, objects, outStreams, runner, letters);
        this.roots = new HashMap<>(store.roots());
        this.alarms = alarms;
        List<Alarm> stored = store.alarms();
        alarms.load(stored, stored.isEmpty() ? 0 : stored.getLast().id());
        this.counters = new EngineCounters(store);
        counters.load();
        outStreams.load();
        this.thread = Thread.ofPlatform().name("durable-engine").daemon().unstarted(this::run);
    }

    /** How far the store has come; see {@link Progress}. */
    Progress progress() {
        return new Progress(vatId, generation, store.incarnation(), counters.turnsThrough());
    }

    void startThread() {
        thread.start();
    }

    /**
     * Hands {@code pump} every stored letter, then every letter committed from now on, and
     * offers through {@code exports} every object turns have made, then every one they make.
     */
    void attach(Pump pump, Exports exports) {
        call(() -> {
            for (StoredRef ref : store.madeRefs()) {
                Kind<?, ?> kind = kinds.get(ref.kind());
                if (kind != null) {
                    exports.export(ref.object(), kind, SwissNumber.parse(ref.swiss()));
                }
            }
            committer.offerThrough(exports);
            Map<String, List<OutLetter>> byStream = new HashMap<>();
            for (OutLetter letter : store.outbox()) {
                byStream.computeIfAbsent(letter.stream(), s -> new ArrayList<>()).add(letter);
            }
            for (OutStream s : outStreams.all()) {
                pump.resume(Route.of(s), byStream.getOrDefault(s.id, List.of()));
            }
            committer.handTo(pump);
            return null;
        });
    }

    long generation() {
        return generation;
    }

    /** The random number of this start, which letters carry; see {@link Letter#senderIncarnation()}. */
    String incarnation() {
        return store.incarnation();
    }

    String vatId() {
        return vatId;
    }

    StateCodec codec() {
        return codec;
    }

    long turns() {
        return committer.turns();
    }

    long commits() {
        return committer.commits();
    }

    StoreStatus storeStatus() {
        return link.status();
    }

    /** The kinds of stored objects that no code of this build is bound to, with their counts. */
    Map<String, Long> unboundKinds() {
        Map<String, Long> stored = new HashMap<>(store.kinds());
        stored.keySet().removeAll(kinds.keySet());
        return stored;
    }

    // ---- entry points, from any thread

    void invoke(long object, Method method, Object[] args, Resolver<Object> answer) {
        inbox.submit(new Work.Invoke(object, method, args, answer));
    }

    void deliver(Letter letter, Resolver<Receipt> receipt) {
        inbox.submit(new Work.Deliver(letter, receipt));
    }

    void acknowledge(OutLetter letter, Receipt receipt) {
        inbox.submit(new Work.Acknowledge(letter, receipt));
    }

    void halt(String stream, String why) {
        inbox.submit(new Work.Halt(stream, why));
    }

    /** Runs {@code action} on the engine's thread and waits for it. */
    <R> R call(Supplier<R> action) {
        return inbox.call(action);
    }

    // ---- the engine's thread

    Turn currentTurn() {
        return Thread.currentThread() == thread ? runner.current() : null;
    }

    Turn requireTurn(String what) {
        Turn turn = currentTurn();
        if (turn == null) {
            throw new IllegalStateException(what + ": only from a turn of a durable object, on the engine's thread");
        }
        return turn;
    }

    long nextTicket() {
        return counters.nextTicket();
    }

    long nextObject() {
        return counters.nextObject();
    }

    SecureRandom random() {
        return random;
    }

    /** The object {@code id}, loaded; null if it is not stored. */
    Live live(long id) {
        return objects.get(id);
    }

    /** The code of object {@code id}; null if it is not stored. */
    Object behaviorOf(long id) {
        Live object = objects.get(id);
        return object == null ? null : runner.behavior(object);
    }

    /** Makes, in the current turn, an object of an engine's own kind that {@code swiss} designates; answers its id. */
    long make(Kind<?, ?> kind, Record initial, SwissNumber swiss) {
        Turn turn = requireTurn("make");
        Live made = new Live(counters.nextObject(), kind, initial);
        turn.made.add(new Made(made, swiss));
        return made.id;
    }

    /** Makes a durable object in the current turn; see {@link Self#create}. */
    SturdyRef create(Kind<?, ?> kind, Record initial) {
        Turn turn = requireTurn("create");
        if (kinds.get(kind.name()) != kind) {
            throw new IllegalArgumentException("kind " + kind.name() + " is not bound: bind it with"
                    + " context.durables().bind(kind) when the service is made");
        }
        if (!kind.state().isInstance(initial)) {
            throw new IllegalArgumentException("kind " + kind.name() + " keeps a " + kind.state().getName() + ", not a "
                    + initial.getClass().getName());
        }
        Exports offered = committer.exports();
        if (offered == null) {
            throw new IllegalStateException("create: the durable host is not attached to a node yet");
        }
        SwissNumber swiss = SwissNumber.random(random);
        turn.made.add(new Made(new Live(counters.nextObject(), kind, initial), swiss));
        return offered.sturdyRef(swiss);
    }

    /**
     * The root object of {@code service}, made with {@code initial} the first time; runs on the
     * engine's thread.
     *
     * @throws StoredDataException if the stored root is of another kind
     */
    long root(String service, Kind<?, ?> kind, Supplier<? extends Record> initial) {
        return call(() -> {
            Long id = roots.get(service);
            if (id != null) {
                Live existing = objects.get(id);
                if (existing == null) {
                    throw new StoredDataException("the root object of service " + service + " (object " + id
                            + ") is missing from the store");
                }
                if (existing.kind != kind) {
                    throw new StoredDataException("the root object of service " + service + " is of kind "
                            + existing.kind.name() + ", but the service now offers kind " + kind.name());
                }
                return id;
            }
            Record state = initial.get();
            if (!kind.state().isInstance(state)) {
                throw new IllegalArgumentException("kind " + kind.name() + ": initial state is not a " + kind.state().getName());
            }
            long made = counters.nextObject();
            Batch batch = new Batch();
            batch.objects.put(made, new StoredObject(made, kind.name(), codec.encode(state)));
            batch.roots.put(service, made);
            batch.turns = 1;
            commit(batch);
            roots.put(service, made);
            objects.put(new Live(made, kind, state));
            return made;
        });
    }

    private void run() {
        while (inbox.running()) {
            switch (link.status().state()) {
                case UP -> runBatch();
                case RECONNECTING -> reconnect();
                case FENCED -> refuseFor(StoreLink.MAX_BACKOFF);
            }
        }
    }

    private void runBatch() {
        Work first;
        try {
            first = inbox.poll(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            inbox.stop();
            return;
        }
        if (first == null) {
            link.renewIfDue();
            writeAlarms();
            return;
        }
        Batch batch = new Batch();
        List<Settle> settles = new ArrayList<>();
        int n = 0;
        Work work = first;
        do {
            dispatch.handle(work, batch, settles);
            n++;
        } while (n < maxBatch && !store.lost() && (work = inbox.poll()) != null);
        batch.turns = n;
        List<Alarm> raised = alarms.unwritten();
        batch.alarms.addAll(raised);
        if (batch.isEmpty()) {
            settles.forEach(s -> Settle.run(s.committed()));
            if (store.lost()) {
                LOG.error("durable store: {}; reconnecting", store.lostCause());
                link.lose(store.lostCause());
            }
            return;
        }
        if (committer.commit(counters.numbered(batch), settles, n)) {
            alarms.written(raised);
            counters.committed(batch);
        }
    }

    /** Commits the alarms raised or acknowledged since the last commit, if any. */
    private void writeAlarms() {
        List<Alarm> raised = alarms.unwritten();
        if (!raised.isEmpty() && link.status().state() == StoreStatus.State.UP) {
            Batch batch = new Batch();
            batch.alarms.addAll(raised);
            if (committer.commit(counters.numbered(batch), List.of(), 0)) {
                alarms.written(raised);
            }
        }
    }

    /** Every alarm, acknowledged or not, oldest first: those in the store and those not written yet. */
    List<Alarm> allAlarms() {
        return call(() -> alarms.merged(store.alarms()));
    }

    /** Acknowledges alarm {@code id} and commits that; answers whether it was unacknowledged. */
    boolean acknowledgeAlarm(long id) {
        return call(() -> {
            boolean found = alarms.acknowledge(id);
            writeAlarms();
            return found;
        });
    }

    /**
     * One attempt to reconnect: on success a batch in doubt is settled as the store says, and the
     * pump is asked to send again what was not stored; on failure, calls are refused for a while.
     */
    private void reconnect() {
        committer.expireDoubt();
        String cause = link.status().cause();
        switch (link.reconnect(this::reload)) {
            case StoreLink.Reconnection.Failed failed -> refuseFor(failed.retryAfter());
            case StoreLink.Reconnection.Fenced fenced -> committer.fenced(fenced.why());
            case StoreLink.Reconnection.Back back -> committer.back(back.landed(), cause, outStreams.all());
        }
    }

    private void stopPump() {
        Pump p = committer.pump();
        if (p != null) {
            p.stop();
        }
    }

    /** Refuses, for {@code wait}, the work that comes, with the problem the store's state gives. */
    private void refuseFor(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left; inbox.running() && (left = deadline - System.nanoTime()) > 0; ) {
            Work work;
            try {
                work = inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                inbox.stop();
                return;
            }
            if (work != null) {
                work.reject(link.refusal());
            }
        }
    }

    private void commit(Batch batch) {
        committer.commit(counters.numbered(batch));
        counters.committed(batch);
    }

    /** After a failed commit the memory may be ahead of the store: forget it and read again. */
    private void reload() {
        objects.clear();
        letters.clear();
        counters.load();
        outStreams.load();
    }

    /**
     * Moves the letters waiting in the stopped stream towards {@code vat} to a new stream,
     * numbered from 1, which the receiver takes as a stream it has never seen; answers how
     * many letters moved.
     *
     * @throws IllegalArgumentException if this vat has never sent to {@code vat}
     * @throws IllegalStateException    if that stream is not stopped
     */
    int resume(String vat) {
        return call(() -> {
            Batch batch = outStreams.resume(vat);
            // A failure leaves the store lost: the engine reconnects and reads its state again.
            commit(batch);
            LOG.warn("outbox to vat {} resumed on a new stream: {} waiting letters sent again", vat, batch.sent.size());
            Pump p = committer.pump();
            if (p != null) {
                p.drop(batch.dropped.getFirst().id);
                p.committed(batch.outStreams.stream().map(Route::of).toList(), batch.sent);
            }
            return batch.sent.size();
        });
    }

    /** Stops taking work; work queued and not begun is refused. Waits for the batch being committed. */
    @Override
    public void close() {
        inbox.stop();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Problem closed = Problem.of(Problem.VAT_SHUT_DOWN, "the durable store is closed");
        for (Work w; (w = inbox.poll()) != null; ) {
            w.reject(closed);
        }
        if (!thread.isAlive()) {
            committer.close();
        }
        store.close();
    }
}
