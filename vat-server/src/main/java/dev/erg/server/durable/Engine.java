package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.LogLimiter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
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
 */
final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** For what peers' letters and receipts cause, which a peer may repeat at will. */
    private static final LogLimiter PEER_CAUSED = LogLimiter.of(System.getLogger(Engine.class.getName()));

    /** One unit of work: each is one turn. */
    private sealed interface Work {
    }

    /** A live call on a durable object. */
    private record Invoke(long object, Method method, Object[] args, Resolver<Object> answer) implements Work {
    }

    /** A letter from another vat. */
    private record Deliver(Letter letter, Resolver<Receipt> receipt) implements Work {
    }

    /** The receipt for one of our letters, given in stream order. */
    private record Acknowledge(OutLetter letter, Receipt receipt) implements Work {
    }

    /** A stream to stop because its receiver refused it. */
    private record Halt(String stream, String why) implements Work {
    }

    /** Work on the engine's state that is not a turn, such as making a root object. */
    private record Task<R>(Supplier<R> action, CompletableFuture<R> done) implements Work {
    }

    /** What a batch does once its commit is durable, or if it fails with a problem. */
    private record Settle(Runnable committed, Consumer<Problem> failed) {
    }

    /** A batch whose commit failed while committing: whether it was made is known once the store is back. */
    private record Doubt(Batch batch, List<Settle> settles, int turns, long deadline) {
    }

    /** How long the callers of a batch in doubt wait to learn whether it was committed, at most. */
    static final Duration DOUBT_WAIT = Duration.ofSeconds(10);

    private final JdbcStore store;
    private final StateCodec codec = new StateCodec();
    private final Map<String, Kind<?, ?>> kinds;
    private final int maxBatch;
    private final long generation;
    private final String vatId;
    private final Function<SwissNumber, Long> targets;
    private final Alarms alarms;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder turns = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private volatile Pump pump;
    private volatile Exports exports;
    private volatile boolean running = true;
    private final StoreLink link;

    // Confined to the engine's thread.
    private final Map<Long, Live> live = new HashMap<>();
    private final Map<String, OutStream> outById = new HashMap<>();
    private final Map<String, OutStream> outByTarget = new HashMap<>();
    private final Map<String, InStream> inStreams = new HashMap<>();
    private final LetterCalls letterCalls;
    private final Map<String, Long> roots;
    private long nextTicket;
    private long nextObject;
    private Turn current;
    private Doubt doubt;

    Engine(JdbcStore store, String vatId, Map<String, Kind<?, ?>> kinds, int maxBatch,
           Function<SwissNumber, Long> targets, Alarms alarms) {
        this.store = store;
        this.vatId = vatId;
        this.kinds = kinds;
        this.maxBatch = maxBatch;
        this.targets = targets;
        this.alarms = alarms;
        this.generation = store.generation();
        this.link = new StoreLink(store, alarms, vatId, this::stopPump);
        this.letterCalls = new LetterCalls(codec, targets, generation, this::live, this::turn);
        this.roots = new HashMap<>(store.roots());
        loadCounters();
        loadOutStreams();
        this.thread = Thread.ofPlatform().name("durable-engine").daemon().unstarted(this::run);
    }

    private void loadCounters() {
        nextTicket = store.metaLong("next_ticket");
        nextObject = store.metaLong("next_object");
    }

    private void loadOutStreams() {
        outById.clear();
        outByTarget.clear();
        for (OutStream s : store.outStreams()) {
            outById.put(s.id, s);
            outByTarget.put(s.targetVat, s);
            if (s.halted != null) {
                alarms.raise("outbox to vat " + s.targetVat + " is stopped: " + s.halted);
            }
        }
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
            this.exports = exports;
            Map<String, List<OutLetter>> byStream = new HashMap<>();
            for (OutLetter letter : store.outbox()) {
                byStream.computeIfAbsent(letter.stream(), s -> new ArrayList<>()).add(letter);
            }
            for (OutStream s : outById.values()) {
                pump.resume(Route.of(s), byStream.getOrDefault(s.id, List.of()));
            }
            this.pump = pump;
            return null;
        });
    }

    long generation() {
        return generation;
    }

    String vatId() {
        return vatId;
    }

    StateCodec codec() {
        return codec;
    }

    long turns() {
        return turns.sum();
    }

    long commits() {
        return commits.sum();
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
        submit(new Invoke(object, method, args, answer));
    }

    void deliver(Letter letter, Resolver<Receipt> receipt) {
        submit(new Deliver(letter, receipt));
    }

    void acknowledge(OutLetter letter, Receipt receipt) {
        submit(new Acknowledge(letter, receipt));
    }

    void halt(String stream, String why) {
        submit(new Halt(stream, why));
    }

    /** Runs {@code action} on the engine's thread and waits for it. */
    <R> R call(Supplier<R> action) {
        CompletableFuture<R> done = new CompletableFuture<>();
        submit(new Task<>(action, done));
        try {
            return done.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the durable engine did not answer within a minute", e);
        }
    }

    private void submit(Work work) {
        if (!running) {
            reject(work, Problem.of(Problem.VAT_SHUT_DOWN, "the durable store is closed"));
            return;
        }
        if (link.status().state() != StoreStatus.State.UP) {
            // At once, not after a wait: the caller decides whether and when to try again.
            reject(work, link.refusal());
            return;
        }
        queue.add(work);
    }

    // ---- the engine's thread

    Turn currentTurn() {
        return Thread.currentThread() == thread ? current : null;
    }

    Turn requireTurn(String what) {
        Turn turn = currentTurn();
        if (turn == null) {
            throw new IllegalStateException(what + ": only from a turn of a durable object, on the engine's thread");
        }
        return turn;
    }

    long nextTicket() {
        return nextTicket++;
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
        Exports offered = exports;
        if (offered == null) {
            throw new IllegalStateException("create: the durable host is not attached to a node yet");
        }
        SwissNumber swiss = SwissNumber.random(random);
        turn.made.add(new Made(new Live(nextObject++, kind, initial), swiss));
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
                Live existing = live(id);
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
            long made = nextObject++;
            Batch batch = new Batch();
            batch.objects.put(made, new StoredObject(made, kind.name(), codec.encode(state)));
            batch.roots.put(service, made);
            batch.turns = 1;
            commit(batch);
            roots.put(service, made);
            live.put(made, new Live(made, kind, state));
            return made;
        });
    }

    private void run() {
        while (running) {
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
            first = queue.poll(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            running = false;
            return;
        }
        if (first == null) {
            link.renewIfDue();
            return;
        }
        Batch batch = new Batch();
        List<Settle> settles = new ArrayList<>();
        int n = 0;
        Work work = first;
        do {
            handle(work, batch, settles);
            n++;
        } while (n < maxBatch && !store.lost() && (work = queue.poll()) != null);
        batch.turns = n;
        if (batch.isEmpty()) {
            settles.forEach(s -> run(s.committed()));
            if (store.lost()) {
                LOG.error("durable store: {}; reconnecting", store.lostCause());
                link.lose(store.lostCause());
            }
            return;
        }
        try {
            commit(batch);
        } catch (FencedException e) {
            fail(settles, StoreLink.fenced(e.getMessage()));
            link.fence(e.getMessage());
            return;
        } catch (StoredDataException e) {
            String cause = JdbcStore.oneLine(e);
            link.lose(cause);
            if (store.inDoubt()) {
                LOG.error("{}; the callers of its {} turns wait up to {} s to learn whether it was made", cause, n,
                        DOUBT_WAIT.toSeconds());
                doubt = new Doubt(batch, settles, n, System.nanoTime() + DOUBT_WAIT.toNanos());
            } else {
                LOG.error("{}; the batch's {} turns are undone and their callers told", cause, n);
                fail(settles, Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; the call was undone", cause));
            }
            return;
        }
        committed(batch, settles, n);
    }

    /** Answers the callers of a committed batch and hands its letters to the pump. */
    private void committed(Batch batch, List<Settle> settles, int n) {
        turns.add(n);
        // Offered before any answer names them.
        for (Made made : batch.made) {
            run(() -> exports.export(made.object().id, made.object().kind, made.swiss()));
        }
        settles.forEach(s -> run(s.committed()));
        Pump p = pump;
        if (p != null && !batch.outStreams.isEmpty()) {
            p.committed(batch.outStreams.stream().map(Route::of).toList(), batch.sent);
        }
    }

    private static void fail(List<Settle> settles, Problem problem) {
        for (Settle s : settles) {
            run(() -> s.failed().accept(problem));
        }
    }

    /**
     * One attempt to reconnect: on success a batch in doubt is settled as the store says, and the
     * pump is asked to send again what was not stored; on failure, calls are refused for a while.
     */
    private void reconnect() {
        if (doubt != null && System.nanoTime() - doubt.deadline() > 0) {
            fail(doubt.settles(), Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; whether the call was committed is"
                    + " unknown: the store did not come back within %d s", link.status().cause(), DOUBT_WAIT.toSeconds()));
            doubt = null;
        }
        String cause = link.status().cause();
        switch (link.reconnect(this::reload)) {
            case StoreLink.Reconnection.Failed failed -> refuseFor(failed.retryAfter());
            case StoreLink.Reconnection.Fenced fenced -> {
                if (doubt != null) {
                    fail(doubt.settles(), StoreLink.fenced(fenced.why()));
                    doubt = null;
                }
            }
            case StoreLink.Reconnection.Back back -> {
                Doubt held = doubt;
                doubt = null;
                if (held != null && back.landed()) {
                    committed(held.batch(), held.settles(), held.turns());
                } else if (held != null) {
                    fail(held.settles(), Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; the call was undone", cause));
                }
                Pump p = pump;
                if (p != null) {
                    for (OutStream s : outById.values()) {
                        p.resume(Route.of(s), List.of());
                    }
                    p.resend();
                }
            }
        }
    }

    private void stopPump() {
        Pump p = pump;
        if (p != null) {
            p.stop();
        }
    }

    /** Refuses, for {@code wait}, the work that comes, with the problem the store's state gives. */
    private void refuseFor(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left; running && (left = deadline - System.nanoTime()) > 0; ) {
            Work work;
            try {
                work = queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
            if (work != null) {
                reject(work, link.refusal());
            }
        }
    }

    private void commit(Batch batch) {
        batch.nextTicket = nextTicket;
        batch.nextObject = nextObject;
        link.commit(batch);
        commits.increment();
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("after a commit: {}", e.toString());
        }
    }

    /** After a failed commit the memory may be ahead of the store: forget it and read again. */
    private void reload() {
        live.clear();
        inStreams.clear();
        loadCounters();
        loadOutStreams();
    }

    /** Runs one work item; a failure is its own, never the engine's or another caller's. */
    private void handle(Work work, Batch batch, List<Settle> settles) {
        try {
            dispatch(work, batch, settles);
        } catch (RuntimeException e) {
            current = null;
            Problem problem = store.lost()
                    ? Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; nothing was done", JdbcStore.oneLine(e))
                    : Problem.of(Problem.UNAVAILABLE, "the durable engine could not run this: %s", e.getMessage());
            LOG.error("durable engine: {} failed: {}", work.getClass().getSimpleName(), e.toString());
            settles.add(new Settle(() -> reject(work, problem), p -> reject(work, problem)));
        }
    }

    private void dispatch(Work work, Batch batch, List<Settle> settles) {
        switch (work) {
            case Invoke invoke -> invoke(invoke, batch, settles);
            case Deliver deliver -> deliver(deliver, batch, settles);
            case Acknowledge ack -> acknowledge(ack, batch, settles);
            case Halt halt -> halt(halt, batch, settles);
            case Task<?> task -> task(task);
        }
    }

    private static <R> void task(Task<R> task) {
        try {
            task.done().complete(task.action().get());
        } catch (RuntimeException e) {
            task.done().completeExceptionally(e);
        }
    }

    private void reject(Work work, Problem problem) {
        switch (work) {
            case Invoke invoke -> invoke.answer().reject(problem);
            case Deliver deliver -> deliver.receipt().reject(problem);
            case Acknowledge ack -> {
            }
            case Halt halt -> {
            }
            case Task<?> task -> task.done().completeExceptionally(problem.kind().equals(Problem.VAT_SHUT_DOWN)
                    ? new IllegalStateException(problem.toString()) : new StoredDataException(problem.toString()));
        }
    }

    /** The outcome of running one method in a turn. */
    record Outcome(Object value, Problem problem) {
    }

    /**
     * Runs {@code method} on {@code object} as one turn; its effects join {@code batch} only
     * if it completes.
     */
    private Outcome turn(Live object, Method method, Object[] args, Batch batch) {
        Turn turn = new Turn();
        current = turn;
        Object value;
        try {
            value = method.invoke(behavior(object), args);
        } catch (InvocationTargetException e) {
            return new Outcome(null, Problem.from(e.getCause()));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return new Outcome(null, Problem.of(Problem.NOT_CALLABLE, "%s.%s: %s", object.kind.name(), method.getName(),
                    e.getMessage()));
        } finally {
            current = null;
        }
        try {
            absorb(turn, batch);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, Problem.of(Problem.NOT_PASSABLE, "%s", e.getMessage()));
        }
        return new Outcome(value, null);
    }

    private Object behavior(Live object) {
        if (object.behavior == null) {
            object.behavior = make(object.kind, object);
        }
        return object.behavior;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object make(Kind kind, Live object) {
        return kind.behavior().apply(new LiveSelf(this, object));
    }

    /** Adds a finished turn's effects to {@code batch}: encodes first, so a state that cannot be stored undoes the turn. */
    private void absorb(Turn turn, Batch batch) {
        List<StoredObject> encoded = new ArrayList<>(turn.writes.size() + turn.made.size());
        for (Map.Entry<Live, Record> write : turn.writes.entrySet()) {
            Live object = write.getKey();
            encoded.add(new StoredObject(object.id, object.kind.name(), codec.encode(write.getValue())));
        }
        for (Made made : turn.made) {
            Live object = made.object();
            encoded.add(new StoredObject(object.id, object.kind.name(), codec.encode(object.state)));
        }
        int i = 0;
        for (Map.Entry<Live, Record> write : turn.writes.entrySet()) {
            write.getKey().state = write.getValue();
            StoredObject stored = encoded.get(i++);
            batch.objects.put(stored.id(), stored);
        }
        for (Made made : turn.made) {
            StoredObject stored = encoded.get(i++);
            batch.objects.put(stored.id(), stored);
            live.put(stored.id(), made.object());
            batch.made.add(made);
        }
        for (Turn.Send send : turn.sends) {
            String target = send.target().vatId().toString();
            OutStream stream = outByTarget.get(target);
            String mailbox = Mailbox.of(send.target()).toString();
            if (stream == null) {
                stream = newStream(target, mailbox);
            } else if (!stream.mailbox.equals(mailbox)) {
                // The newest sturdy ref says best where the vat is now.
                stream.mailbox = mailbox;
            }
            OutLetter letter = new OutLetter(stream.id, stream.nextSeq++, send.ticket(), send.sender(),
                    send.target().swiss().text(), send.method(), send.args());
            batch.outStreams.add(stream);
            batch.sent.add(letter);
        }
    }

    private OutStream newStream(String target, String mailbox) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        OutStream stream = new OutStream(HexFormat.of().formatHex(id), target, mailbox, 1, 0, 0, null);
        outByTarget.put(target, stream);
        outById.put(stream.id, stream);
        return stream;
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
            OutStream old = outByTarget.get(vat);
            if (old == null) {
                throw new IllegalArgumentException("this vat has no outbox to vat " + vat);
            }
            if (old.halted == null) {
                throw new IllegalStateException("the outbox to vat " + vat + " is not stopped");
            }
            List<OutLetter> waiting = store.outbox().stream().filter(l -> l.stream().equals(old.id)).toList();
            OutStream fresh = newStream(vat, old.mailbox);
            outById.remove(old.id);
            Batch batch = new Batch();
            batch.dropped.add(old);
            batch.outStreams.add(fresh);
            for (OutLetter l : waiting) {
                batch.sent.add(new OutLetter(fresh.id, fresh.nextSeq++, l.ticket(), l.sender(), l.swiss(), l.method(),
                        l.args()));
            }
            batch.turns = 1;
            // A failure leaves the store lost: the engine reconnects and reads its state again.
            commit(batch);
            LOG.warn("outbox to vat {} resumed on a new stream: {} waiting letters sent again", vat, waiting.size());
            Pump p = pump;
            if (p != null) {
                p.drop(old.id);
                p.committed(List.of(Route.of(fresh)), batch.sent);
            }
            return waiting.size();
        });
    }

    private void invoke(Invoke invoke, Batch batch, List<Settle> settles) {
        Live object = live(invoke.object());
        Resolver<Object> answer = invoke.answer();
        if (object == null) {
            Problem gone = Problem.of(Problem.NOT_CALLABLE, "durable object %d is not in the store", invoke.object());
            settles.add(new Settle(() -> answer.reject(gone), p -> answer.reject(gone)));
            return;
        }
        Outcome outcome = turn(object, invoke.method(), invoke.args(), batch);
        settles.add(new Settle(() -> settle(answer, outcome), answer::reject));
    }

    @SuppressWarnings("unchecked")
    private static void settle(Resolver<Object> answer, Outcome outcome) {
        if (outcome.problem() != null) {
            answer.reject(outcome.problem());
        } else if (outcome.value() instanceof Promise<?> promise) {
            answer.forward((Promise<Object>) promise);
        } else {
            answer.resolve(outcome.value());
        }
    }

    private void deliver(Deliver deliver, Batch batch, List<Settle> settles) {
        Letter letter = deliver.letter();
        Resolver<Receipt> resolver = deliver.receipt();
        InStream stream = inStream(letter.stream());
        String refused = Amnesia.refusal(letter, stream, generation);
        if (refused != null) {
            refuse(letter, "refused: " + refused, new Problem(Mailbox.AMNESIA, refused), resolver, settles);
            return;
        }
        byte[] digest = Amnesia.digest(letter);
        if (stream != null && letter.seq() <= stream.last) {
            StoredReceipt stored = receipt(letter.stream(), letter.seq(), batch);
            if (stored == null) {
                // Only the sender knows whether it still awaits this receipt, so it decides; a copy
                // overtaken by the sender's later session would be the harmless other explanation.
                refuse(letter, "comes again after its sender confirmed its receipt: the sender was restored from an"
                                + " older copy of its store, unless this copy travelled on a session the sender had given up",
                        Problem.of(Mailbox.CONFIRMED, "letter %d of this stream was confirmed by its sender already",
                                letter.seq()), resolver, settles);
                return;
            }
            if (!Arrays.equals(stored.digest(), digest)) {
                String why = "a different letter was consumed under this number: the sender was restored from an older copy";
                refuse(letter, "refused: " + why, new Problem(Mailbox.AMNESIA, why), resolver, settles);
                return;
            }
            Receipt again = stored.receipt();
            settles.add(new Settle(() -> resolver.resolve(again), resolver::reject));
            return;
        }
        if (stream == null) {
            stream = new InStream(letter.stream(), letter.from(), 0, 0, letter.senderGeneration());
            inStreams.put(stream.id, stream);
        }
        Receipt receipt = letterCalls.consume(letter, batch);
        stream.last = letter.seq();
        stream.floor = Math.max(stream.floor, letter.ackedThrough());
        stream.senderGeneration = Math.max(stream.senderGeneration, letter.senderGeneration());
        batch.inStreams.add(stream);
        batch.addReceipt(stream.id, letter.seq(), new StoredReceipt(digest, receipt));
        settles.add(new Settle(() -> resolver.resolve(receipt), resolver::reject));
    }

    /** Breaks the receipt of {@code letter} with {@code problem}, and reports what happened to it. */
    private void refuse(Letter letter, String what, Problem problem, Resolver<Receipt> resolver, List<Settle> settles) {
        String report = "letter " + letter.seq() + " of stream " + letter.stream() + " from vat " + letter.from() + " "
                + what;
        // Every refusal is an alarm; the log shows a line per kind of refusal per interval.
        PEER_CAUSED.log(System.Logger.Level.ERROR, "letter refused " + problem.kind(), () -> report, null);
        alarms.raise(report);
        settles.add(new Settle(() -> resolver.reject(problem), p -> resolver.reject(problem)));
    }

    private StoredReceipt receipt(String stream, long seq, Batch batch) {
        StoredReceipt pending = batch.receipt(stream, seq);
        return pending != null ? pending : store.receipt(stream, seq);
    }

    private void acknowledge(Acknowledge ack, Batch batch, List<Settle> settles) {
        OutLetter letter = ack.letter();
        Receipt receipt = ack.receipt();
        OutStream stream = outById.get(letter.stream());
        if (stream == null || stream.halted != null || letter.seq() != stream.acked + 1) {
            return;
        }
        if (receipt.generation() < stream.peerGeneration) {
            halt(stream, "vat " + stream.targetVat + " answered letter " + letter.seq() + " from generation "
                    + receipt.generation() + " after generation " + stream.peerGeneration
                    + ": it was restored from an older copy of its store", batch);
            return;
        }
        stream.acked = letter.seq();
        stream.peerGeneration = receipt.generation();
        batch.outStreams.add(stream);
        batch.delivered.add(letter);
        Live sender = live(letter.sender());
        if (sender != null && behavior(sender) instanceof Replies) {
            Reply reply = new Reply(letter.ticket(), receipt.problem() == null ? codec.decodePlain(receipt.answer()) : null,
                    receipt.problem());
            Outcome outcome = turn(sender, REPLY, new Object[]{reply}, batch);
            if (outcome.problem() != null) {
                PEER_CAUSED.log(System.Logger.Level.WARNING, "reply failed " + sender.kind.name(),
                        () -> "kind " + sender.kind.name() + ": reply to ticket " + letter.ticket() + " failed: "
                                + outcome.problem(), null);
            }
        }
    }

    private static final Method REPLY;

    static {
        try {
            REPLY = Replies.class.getMethod("reply", Reply.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private void halt(Halt halt, Batch batch, List<Settle> settles) {
        OutStream stream = outById.get(halt.stream());
        if (stream != null && stream.halted == null) {
            halt(stream, halt.why(), batch);
        }
    }

    private void halt(OutStream stream, String why, Batch batch) {
        stream.halted = why;
        batch.outStreams.add(stream);
        String report = "outbox to vat " + stream.targetVat + " is stopped: " + why;
        LOG.error(report);
        alarms.raise(report);
    }

    private InStream inStream(String id) {
        InStream cached = inStreams.get(id);
        if (cached == null) {
            cached = store.inStream(id);
            if (cached != null) {
                inStreams.put(id, cached);
            }
        }
        return cached;
    }

    /** The object {@code id}, loaded and bound to its kind's code; null if it is not stored. */
    private Live live(long id) {
        Live found = live.get(id);
        if (found != null) {
            return found;
        }
        StoredObject stored = store.object(id);
        if (stored == null) {
            return null;
        }
        Kind<?, ?> kind = kinds.get(stored.kind());
        if (kind == null) {
            throw new StoredDataException("object " + id + " is of kind " + stored.kind() + ", which no code of this build offers");
        }
        Live loaded = new Live(id, kind, codec.decode(stored.state(), kind.state()));
        live.put(id, loaded);
        return loaded;
    }

    /** Stops taking work; work queued and not begun is refused. Waits for the batch being committed. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Problem closed = Problem.of(Problem.VAT_SHUT_DOWN, "the durable store is closed");
        for (Work w; (w = queue.poll()) != null; ) {
            reject(w, closed);
        }
        Doubt held = doubt;
        if (held != null && !thread.isAlive()) {
            doubt = null;
            fail(held.settles(), Problem.of(Problem.VAT_SHUT_DOWN, "the durable store is closed; whether the call was"
                    + " committed is unknown"));
        }
        store.close();
    }
}
