package dev.erg.vat;

import dev.erg.trace.TraceContext;
import dev.erg.vat.spi.Arrival;
import dev.erg.vat.spi.BrokenPromises;
import dev.erg.vat.spi.LogLimiter;
import dev.erg.vat.spi.RemoteTarget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A value that may not exist yet. A promise is <em>pending</em> until it settles once, for
 * good, as <em>fulfilled</em> with a value or <em>broken</em> with a {@link Problem}.
 *
 * <p>Guarantees a caller relies on:
 * <ul>
 * <li>{@link #when} callbacks run in a later turn of the vat that registered them, never in
 *     the current turn, and in registration order; they never run concurrently with other
 *     turns of that vat.</li>
 * <li>A promise for a remote interface can be used before it settles: {@link #as} gives a
 *     proxy whose sends are queued and delivered, in the order sent, to whatever the promise
 *     resolves to (promise pipelining). If the promise breaks, every queued message's answer
 *     breaks with the same problem.</li>
 * <li>A value crosses into the vat that observes it by the rules of pass-by-copy: data is
 *     shared (immutable) or copied (byte arrays, mutable collections); an object of another
 *     vat arrives as an eventual reference. A value that may not cross breaks the observer's
 *     view with a {@value Problem#NOT_PASSABLE} problem.</li>
 * </ul>
 *
 * <p>Promises combine in the same way: {@link #all}, {@link #any}, {@link #race} and
 * {@link #within} (a timeout) each return a promise that settles in a later turn of the vat
 * that asked for it, and so are called in a turn of a vat, as {@link #then} is.
 *
 * <p>Promises are thread-safe. Settling them never runs application code on the settling
 * thread; it only queues turns.
 *
 * @param <T> the type of the promised value
 */
public final class Promise<T> {

    /*
     * State is guarded by `this`. A pending promise keeps an ordered list of reactions
     * (callbacks, pipelined messages, and relays to promises that follow this one). Reactions
     * that only queue work are run under the lock when the promise settles, so that a send
     * that observes the settled state cannot overtake a message queued before it (E-order).
     * Relays settle other promises and are run after the lock is released, iteratively, so
     * that long forwarding chains need neither nested locks nor deep stacks. Observers (the
     * network layer's) run after the lock is released too, since they take locks of their own.
     */

    private static final LogLimiter LOG = LogLimiter.of(System.getLogger(Promise.class.getName()));

    private static final int PENDING = 0;
    private static final int FULFILLED = 1;
    private static final int BROKEN = 2;

    private int status;
    private boolean claimed;
    private Object value;
    private Vat origin;
    private Problem problem;
    private volatile Promise<?> forwardedTo;
    private RemoteTarget remote;
    private int waiters;
    private Reaction first;
    private Reaction last;
    /** What a fulfilling value must become, for a promise of a declared type; set before the promise is shared. */
    private Conversion expected;
    private String expectedFor;
    /** The context of the message this promise answers, if traced; set before the promise is shared. */
    private TraceContext trace;

    Promise() {
    }

    private Promise(Object value, Vat origin) {
        this.status = FULFILLED;
        this.claimed = true;
        this.value = value;
        this.origin = origin;
    }

    private Promise(Problem problem) {
        BrokenPromises.count(problem);
        this.status = BROKEN;
        this.claimed = true;
        this.problem = problem;
    }

    /**
     * A promise already fulfilled with {@code value}, which belongs to the vat running the
     * current turn (if any). If {@code value} is a promise, the result follows it.
     */
    @SuppressWarnings("unchecked")
    public static <T> Promise<T> of(T value) {
        Promise<?> followed = Ref.promiseBehind(value);
        if (followed != null) {
            return (Promise<T>) followed;
        }
        return new Promise<>(value, Vat.current());
    }

    /** A promise already broken with {@code problem}. */
    public static <T> Promise<T> broken(Problem problem) {
        return new Promise<>(Objects.requireNonNull(problem, "problem"));
    }

    /** A new pending promise and the resolver that decides it. */
    public static <T> Deferred<T> defer() {
        Promise<T> promise = new Promise<>();
        return new Deferred<>(promise, new PromiseResolver<>(promise));
    }

    /**
     * A promise for the values of all {@code promises}, in their order, once every one is
     * fulfilled; broken with the problem of the first to break, without waiting for the rest.
     * The values are as the current vat sees them. For no promises, the result is fulfilled
     * with an empty list.
     *
     * <p>The result settles in a later turn of the current vat, like a {@link #then}. The
     * list is unmodifiable; it may hold null (from a {@code Promise<Void>}), which the
     * current vat may use but which may not cross to another vat.
     * {@snippet :
     * Promise<List<Long>> both = Promise.all(List.of(left.increment(1), right.increment(1)));
     * both.when(counts -> log("total " + (counts.get(0) + counts.get(1))), problem -> log("lost " + problem));
     * }
     *
     * @throws IllegalStateException if called outside a turn of a vat; from a thread outside
     *                               vats, run it in one: {@code vat.callPromise(() -> Promise.all(ps))}
     * @throws NullPointerException  if the list or one of its promises is null
     */
    public static <T> Promise<List<T>> all(List<? extends Promise<? extends T>> promises) {
        return Combinators.all(promises);
    }

    /**
     * A promise for the value of the first of {@code promises} to be fulfilled, as the current
     * vat sees it. It breaks only once every one has broken, with a
     * {@value Problem#ALL_BROKEN} problem whose message counts them and names the first
     * eight problems by position; each input still has its own
     * {@link #problemOrNull()}. For no promises, the result is broken at once, with the same
     * kind.
     *
     * <p>The result settles in a later turn of the current vat, like a {@link #then}.
     * {@snippet :
     * Promise<Quote> quote = Promise.any(List.of(mirrorA.quote(item), mirrorB.quote(item)));
     * }
     *
     * @throws IllegalStateException if called outside a turn of a vat
     * @throws NullPointerException  if the list or one of its promises is null
     */
    public static <T> Promise<T> any(List<? extends Promise<? extends T>> promises) {
        return Combinators.any(promises);
    }

    /**
     * A promise that settles as the first of {@code promises} to settle does, fulfilled or
     * broken; the others are then ignored (and keep running). The value is as the current vat
     * sees it.
     *
     * <p>The result settles in a later turn of the current vat, like a {@link #then}. To give
     * up waiting after a time, {@link #within} is simpler than a race with a timer.
     *
     * @throws IllegalArgumentException if {@code promises} is empty: the race would never settle
     * @throws IllegalStateException    if called outside a turn of a vat
     * @throws NullPointerException     if the list or one of its promises is null
     */
    public static <T> Promise<T> race(List<? extends Promise<? extends T>> promises) {
        return Combinators.race(promises);
    }

    /**
     * Registers callbacks that run in a later turn of the current vat once this promise
     * settles: {@code onFulfilled} with the value, or {@code onBroken} with the problem.
     * An exception thrown by a callback is logged in that vat.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    @SuppressWarnings("unchecked")
    public void when(Consumer<? super T> onFulfilled, Consumer<? super Problem> onBroken) {
        Objects.requireNonNull(onFulfilled, "onFulfilled");
        Objects.requireNonNull(onBroken, "onBroken");
        listen(currentVat("when"), (Consumer<Object>) onFulfilled, onBroken);
    }

    /**
     * A promise for {@code f} applied to the value, in a later turn of the current vat. If
     * this promise breaks, or {@code f} throws, the result breaks. If {@code f} returns a
     * promise, the result follows it.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    public <R> Promise<R> then(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        Vat vat = currentVat("then");
        Promise<R> result = new Promise<>();
        @SuppressWarnings("unchecked") Function<Object, ? extends R> g = (Function<Object, ? extends R>) f;
        listen(vat, v -> result.settleWith(g, v, vat, "a then() function"), result::rejectInternal);
        return result;
    }

    /**
     * Like {@link #then}, for a function that itself returns a promise: the result follows
     * the promise {@code f} returns.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    @SuppressWarnings("unchecked")
    public <R> Promise<R> thenCompose(Function<? super T, ? extends Promise<R>> f) {
        // then() already follows a promise that f returns; only the static type differs.
        return (Promise<R>) (Promise<?>) then(f);
    }

    /**
     * A promise that is fulfilled as this one is, or, if this one breaks, with what
     * {@code recovery} makes of the problem, in a later turn of the current vat.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    public Promise<T> otherwise(Function<? super Problem, ? extends T> recovery) {
        Objects.requireNonNull(recovery, "recovery");
        Vat vat = currentVat("otherwise");
        Promise<T> result = new Promise<>();
        listen(vat, v -> result.resolveInternal(v, vat), p -> result.settleWith(recovery, p, vat, "an otherwise() function"));
        return result;
    }

    /**
     * A promise that settles as this one does if it settles within {@code timeout} of
     * {@code timer}'s time, and otherwise breaks with a {@value Problem#TIMED_OUT} problem.
     * Giving up waiting cancels nothing: the work behind this promise goes on, and this
     * promise still settles in its own time. If the timer's own promise breaks, the result
     * breaks with its problem.
     *
     * <p>Time is a capability: pass the timer the object was given (such as
     * {@link Vat#timer()}), so that under a {@link DeterministicScheduler} the timeout
     * happens in virtual time. The result settles in a later turn of the current vat.
     * {@snippet :
     * counter.increment(1)
     *         .within(Duration.ofSeconds(2), timer)
     *         .when(n -> log("now " + n), problem -> log(problem.kind()));   // "TimedOut" after 2 s
     * }
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException    if called outside a turn of a vat
     */
    public Promise<T> within(Duration timeout, Timer timer) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(timer, "timer");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        Vat vat = currentVat("within");
        Promise<T> result = new Promise<>();
        listen(vat, v -> result.resolveInternal(v, vat), result::rejectInternal);
        timer.after(timeout).when(
                done -> result.rejectInternal(Problem.of(Problem.TIMED_OUT, "not settled within %s",
                        Durations.describe(timeout))),
                result::rejectInternal);
        return result;
    }

    /**
     * A proxy of {@code iface} that sends to whatever this promise resolves to. Sends made
     * before it settles are queued here and delivered in order; after, they go straight to
     * the target. Each method returning a promise returns the promise for its answer at once.
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface
     */
    public <I> I as(Class<I> iface) {
        RemoteInterfaces.require(iface);
        return iface.cast(PromiseRef.proxy(this, iface));
    }

    /** Whether this promise has settled, either way. */
    public synchronized boolean isSettled() {
        return status != PENDING;
    }

    /** Whether this promise is fulfilled. */
    public synchronized boolean isFulfilled() {
        return status == FULFILLED;
    }

    /** The problem this promise is broken with, or null if it is not broken (yet). */
    public synchronized Problem problemOrNull() {
        return status == BROKEN ? problem : null;
    }

    /**
     * Waits for this promise to settle, for threads that are not vats (a {@code main}
     * method, a test). Objects of vats arrive as eventual references.
     *
     * @param timeout how long to wait; zero to look without waiting
     * @return the value
     * @throws ProblemException      if the promise is broken
     * @throws JoinTimeoutException  if the promise is still pending after {@code timeout}
     * @throws IllegalStateException if called in a turn of a vat (which would block its
     *                               loop), or if the thread is interrupted (its interrupt
     *                               status is kept)
     */
    public T join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (Vat.current() != null) {
            throw new IllegalStateException("join() blocks; in a vat use when() or then()");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (status == PENDING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JoinTimeoutException(timeout);
                }
                waiters++;
                try {
                    wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a promise", e);
                } finally {
                    waiters--;
                }
            }
        }
        @SuppressWarnings("unchecked") T t = (T) valueFor(null);
        return t;
    }

    @Override
    public synchronized String toString() {
        return switch (status) {
            case PENDING -> "Promise[pending]";
            case FULFILLED -> "Promise[fulfilled]";
            default -> "Promise[broken: " + problem + "]";
        };
    }

    // ---- internals used by the rest of the package ----

    /**
     * The value of this settled promise as seen from {@code observer} (null: a thread outside
     * any vat).
     *
     * @throws ProblemException with the problem if broken, or why the value may not cross
     */
    Object valueFor(Vat observer) {
        return settledValue(observer, true);
    }

    /**
     * {@link #valueFor}, or with {@code copy} false, the value lent to a reader outside any vat
     * that keeps nothing (see {@link Pass#toReader}).
     */
    private Object settledValue(Vat observer, boolean copy) {
        Object v;
        Vat from;
        Problem p;
        synchronized (this) {
            v = value;
            from = origin;
            p = problem;
        }
        if (p != null) {
            throw new ProblemException(p);
        }
        return copy ? Pass.across(v, from, observer) : Pass.toReader(v, from);
    }

    synchronized Object rawValue() {
        return value;
    }

    /**
     * Whether the fulfilled value is a near object for {@code observer}: data, or an object
     * of the observer's own vat.
     */
    synchronized boolean isNearFor(Vat observer) {
        return !Ref.isReference(value)
                && (value == null || origin == observer || RemoteInterfaces.of(value.getClass()).length == 0);
    }

    /** Settles this promise with whatever {@code result} is: a value or a promise to follow. */
    void resolveInternal(Object result, Vat from) {
        Promise<?> followed = Ref.promiseBehind(result);
        if (followed != null) {
            forwardInternal(followed);
        } else {
            settle(FULFILLED, result, from, null);
        }
    }

    void rejectInternal(Problem why) {
        if (!isSettled()) {
            BrokenPromises.count(why);
        }
        settle(BROKEN, null, null, why);
    }

    /**
     * Settles an answer promise with the result a method returned in vat {@code home}, passed
     * at once into the {@code sender}'s vat, so that later mutations in {@code home} are not
     * seen.
     */
    void resolveAnswer(Object result, Vat home, Vat sender) {
        Promise<?> returned = Ref.promiseBehind(result);
        if (returned == null) {
            settlePassed(result, home, sender);
            return;
        }
        int s;
        Object v;
        Vat from;
        Problem p;
        synchronized (returned) {
            s = returned.status;
            v = returned.value;
            from = returned.origin;
            p = returned.problem;
        }
        switch (s) {
            case FULFILLED -> settlePassed(v, from, sender);
            // Followed rather than copied when traced, so that the trace names the answer it broke with.
            case BROKEN -> {
                if (trace == null) {
                    rejectInternal(p);
                } else {
                    forwardInternal(returned);
                }
            }
            default -> forwardInternal(returned);
        }
    }

    /** Names this promise, an answer, by the trace context of its message. */
    void trace(TraceContext message) {
        trace = message;
    }

    /** The trace context of the message this promise answers, or null. */
    TraceContext trace() {
        return trace;
    }

    /** Claims the right to resolve; false if already resolved. Used by {@link PromiseResolver}. */
    synchronized boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /**
     * Makes this new promise convert the value it is fulfilled with to a declared type, or
     * break with a {@value Problem#NOT_PASSABLE} problem saying, after {@code what}, why the
     * value does not fit.
     */
    void expect(Conversion conversion, String what) {
        expected = conversion;
        expectedFor = what;
    }

    void forwardInternal(Promise<?> target) {
        Promise<?> end = target;
        for (int hops = 0; end != null; hops++) {
            if (end == this || hops > 1_000_000) {
                rejectInternal(Problem.of(Problem.CYCLE, "promise resolved to a promise that waits for it"));
                return;
            }
            // A promise that converts its value is followed, not skipped: its followers see what it converts to.
            Promise<?> next = end.expected != null ? null : end.forwardedTo;
            if (next == null) {
                break;
            }
            end = next;
        }
        forwardedTo = end;
        if (!end.addReaction(new Relay(this))) {
            relayFrom(end);
        }
    }

    /**
     * Sends a message through this promise: queued while pending, delivered to the target
     * once fulfilled, broken at once if broken. {@code answer} is null for a send-only message.
     */
    void send(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        sendMessage(method, method.name(), args, answer, sender);
    }

    /**
     * Like {@link #send}; {@code method} may be null for a message sent by name from the
     * network, looked up on whatever this promise resolves to.
     */
    void sendMessage(RemoteMethod method, String name, Object[] args, Promise<Object> answer, Vat sender) {
        RemoteTarget pipeline;
        synchronized (this) {
            pipeline = status == PENDING ? remote : null;
            if (status == PENDING && pipeline == null) {
                appendReaction(new Pipelined(method, name, args, answer, sender));
                return;
            }
        }
        // Sent on at once, from the turn (and so under the trace context) that sends it.
        if (pipeline != null) {
            RemoteRef.send(pipeline, name, args, method == null ? Object.class : method.answerType(), answer);
        } else {
            deliver(method, name, args, answer, sender);
        }
    }

    /**
     * Until this promise settles, sends to it go to {@code pipeline} (the answer's position at
     * a remote peer) instead of waiting here.
     */
    synchronized void pipelineTo(RemoteTarget pipeline) {
        if (status == PENDING && first == null) {
            remote = pipeline;
        }
    }

    /** Where messages sent to this promise go while it is pending, or null if they wait here. */
    synchronized RemoteTarget pipeline() {
        return status == PENDING ? remote : null;
    }

    /** Resolves this promise with {@code f(input)}, run in {@code vat}, or breaks it if f throws. */
    private <I> void settleWith(Function<? super I, ? extends T> f, I input, Vat vat, String what) {
        T r;
        try {
            r = f.apply(input);
        } catch (RuntimeException e) {
            vat.report(what, e);
            rejectInternal(Problem.from(e));
            return;
        }
        resolveInternal(r, vat);
    }

    private void settlePassed(Object result, Vat from, Vat to) {
        Object passed;
        try {
            passed = Pass.across(result, from, to);
        } catch (ProblemException e) {
            rejectInternal(e.problem());
            return;
        }
        settle(FULFILLED, passed, to, null);
    }

    private void listen(Vat vat, Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
        Listener listener = new Listener(vat, onFulfilled, onBroken);
        if (!addReaction(listener)) {
            listener.fire(this);
        }
    }

    /**
     * Calls {@code onFulfilled} with the value as seen outside any vat, or {@code onBroken} with
     * the problem, on the thread that settles this promise, once it has settled and its lock is
     * released; at once, on the calling thread, if it has settled already. For the network
     * layer, which sends an answer from the turn that settles it rather than from a turn of its
     * own: the callbacks must do brief work that never blocks and never runs application code.
     * What they throw is logged, and the promise's other reactions still run.
     */
    void observe(Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
        Observer observer = new Observer(onFulfilled, onBroken);
        if (!addReaction(observer)) {
            observer.fire(this);
        }
    }

    /** Appends a reaction if still pending; false if settled (the caller reacts itself). */
    private synchronized boolean addReaction(Reaction reaction) {
        if (status != PENDING) {
            return false;
        }
        appendReaction(reaction);
        return true;
    }

    private void appendReaction(Reaction reaction) {
        if (last == null) {
            first = reaction;
        } else {
            last.next = reaction;
        }
        last = reaction;
    }

    private void relayFrom(Promise<?> source) {
        int s;
        Object v;
        Vat from;
        Problem p;
        synchronized (source) {
            s = source.status;
            v = source.value;
            from = source.origin;
            p = source.problem;
        }
        settle(s, v, from, p);
    }

    private void settle(int newStatus, Object newValue, Vat newOrigin, Problem newProblem) {
        ArrayDeque<Promise<?>> work = null;
        Promise<?> current = this;
        int s = newStatus;
        Object v = newValue;
        Vat from = newOrigin;
        Problem p = newProblem;
        while (current != null) {
            if (current.expected != null && s == FULFILLED) {
                current.settleConverted(v, from);
                current = work == null ? null : work.poll();
                continue;
            }
            Reaction deferred = current.settleOne(s, v, from, p);
            for (Reaction r = deferred; r != null; r = r.next) {
                if (r instanceof Observer observer) {
                    observer.fire(current);
                    continue;
                }
                if (work == null) {
                    work = new ArrayDeque<>();
                }
                work.add(((Relay) r).follower);
            }
            current = work == null ? null : work.poll();
        }
    }

    /**
     * Fulfils this promise with {@code v} converted to its declared type, or breaks it saying
     * why {@code v} does not fit; its followers see the outcome. Conversions are rare in a
     * chain of promises, so following them by recursion stays shallow.
     */
    private void settleConverted(Object v, Vat from) {
        int s = FULFILLED;
        Object converted = null;
        Problem p = null;
        try {
            converted = expected.apply(v);
        } catch (Conversion.Mismatch m) {
            s = BROKEN;
            p = Problem.of(Problem.NOT_PASSABLE, "%s: %s", expectedFor, m.getMessage());
        }
        Reaction deferred = settleOne(s, converted, s == FULFILLED ? from : null, p);
        for (Reaction r = deferred; r != null; r = r.next) {
            if (r instanceof Observer observer) {
                observer.fire(this);
            } else {
                ((Relay) r).follower.settle(s, converted, from, p);
            }
        }
    }

    /**
     * Settles this promise alone; returns its relays and observers, unlinked, in order, for the
     * caller to run once the lock is released.
     */
    private synchronized Reaction settleOne(int s, Object v, Vat from, Problem p) {
        if (status != PENDING) {
            return null;
        }
        status = s;
        value = v;
        origin = from;
        problem = p;
        claimed = true;
        remote = null;
        if (trace != null) {
            Traces.settled(trace, forwardedTo, p);
        }
        Reaction deferred = null;
        Reaction deferredLast = null;
        Reaction r = first;
        first = null;
        last = null;
        while (r != null) {
            Reaction next = r.next;
            r.next = null;
            switch (r) {
                case Listener listener -> listener.fire(this);
                case Pipelined message -> deliverTraced(message);
                case Relay _, Observer _ -> {
                    if (deferredLast == null) {
                        deferred = r;
                    } else {
                        deferredLast.next = r;
                    }
                    deferredLast = r;
                }
            }
            r = next;
        }
        if (waiters > 0) {
            notifyAll();
        }
        return deferred;
    }

    /** Delivers a message sent through this promise, under the trace context it was sent with. */
    private void deliverTraced(Pipelined m) {
        if (m.trace == null) {
            deliver(m);
            return;
        }
        TraceContext outer = Traces.sending(m.trace);
        try {
            deliver(m);
        } finally {
            Traces.sending(outer);
        }
    }

    /** Delivers a message sent through this promise, which has settled. */
    private void deliver(Pipelined m) {
        deliver(m.method, m.name, m.args, m.answer, m.sender);
    }

    private void deliver(RemoteMethod method, String name, Object[] args, Promise<Object> answer, Vat sender) {
        int s;
        Object v;
        Vat from;
        Problem p;
        synchronized (this) {
            s = status;
            v = value;
            from = origin;
            p = problem;
        }
        if (s == BROKEN) {
            Arrival arrival = Arrival.in(name, args);
            if (arrival != null) {
                arrival.arrived();
            } else if (answer != null) {
                answer.rejectInternal(p);
            }
            return;
        }
        Targets.deliver(v, from, method, name, args, answer, sender);
    }

    /** The vat running the current turn, for an operation whose callbacks run in it. */
    static Vat currentVat(String operation) {
        Vat vat = Vat.current();
        if (vat == null) {
            throw new IllegalStateException(operation + "() must be called in a turn of a vat, where its "
                    + "callbacks will run; outside vats, use join()");
        }
        return vat;
    }

    /** Something waiting for a promise to settle. */
    private abstract static sealed class Reaction permits Listener, Pipelined, Relay, Observer {
        Reaction next;
    }

    private static final class Listener extends Reaction {
        final Vat vat;
        final Consumer<Object> onFulfilled;
        final Consumer<? super Problem> onBroken;

        Listener(Vat vat, Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
            this.vat = vat;
            this.onFulfilled = onFulfilled;
            this.onBroken = onBroken;
        }

        void fire(Promise<?> settled) {
            vat.enqueue(new Callback(settled, onFulfilled, onBroken));
        }
    }

    private static final class Pipelined extends Reaction {
        /** Null when sent by name, from the network. */
        final RemoteMethod method;
        final String name;
        final Object[] args;
        final Promise<Object> answer;
        final Vat sender;
        /** The context of the message, if traced: it is delivered later, on another thread. */
        final TraceContext trace;

        Pipelined(RemoteMethod method, String name, Object[] args, Promise<Object> answer, Vat sender) {
            this.method = method;
            this.name = name;
            this.args = args;
            this.answer = answer;
            this.sender = sender;
            this.trace = Traces.active ? Traces.frame().sending : null;
        }
    }

    private static final class Relay extends Reaction {
        final Promise<?> follower;

        Relay(Promise<?> follower) {
            this.follower = follower;
        }
    }

    /** Something of the network layer's that runs on the settling thread: see {@link #observe}. */
    private static final class Observer extends Reaction {
        final Consumer<Object> onFulfilled;
        final Consumer<? super Problem> onBroken;

        Observer(Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
            this.onFulfilled = onFulfilled;
            this.onBroken = onBroken;
        }

        void fire(Promise<?> settled) {
            try {
                Object value;
                try {
                    value = settled.settledValue(null, false);
                } catch (ProblemException e) {
                    onBroken.accept(e.problem());
                    return;
                }
                onFulfilled.accept(value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "promise observer " + e.getClass().getName(),
                        () -> "a promise observer failed: " + e, e);
            }
        }
    }
}
