package dev.erg.vat;

import dev.erg.trace.TraceContext;
import dev.erg.vat.spi.BrokenPromises;
import dev.erg.vat.spi.LogLimiter;
import dev.erg.vat.spi.RemoteTarget;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
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

    static final LogLimiter LOG = LogLimiter.of(System.getLogger(Promise.class.getName()));

    static final VarHandle STATUS;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(Promise.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int PENDING = 0;
    static final int FULFILLED = 1;
    static final int BROKEN = 2;

    /** Written under the lock, with release semantics after value, origin and problem; see {@link #statusNow}. */
    int status;
    boolean claimed;
    /** With {@link #origin} and {@link #problem}: written once, under the lock, as the promise settles. */
    Object value;
    Vat origin;
    Problem problem;
    volatile Promise<?> forwardedTo;
    RemoteTarget remote;
    int waiters;
    Reaction first;
    Reaction last;
    /** What a fulfilling value must become, for a promise of a declared type; set before the promise is shared. */
    Conversion expected;
    String expectedFor;
    /** The context of the message this promise answers, if traced; set before the promise is shared. */
    private TraceContext trace;

    Promise() {
    }

    private Promise(Object value, Vat origin) {
        this.claimed = true;
        this.value = value;
        this.origin = origin;
        STATUS.setRelease(this, FULFILLED);
    }

    private Promise(Problem problem) {
        BrokenPromises.count(problem);
        this.claimed = true;
        this.problem = problem;
        STATUS.setRelease(this, BROKEN);
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
        listen(vat, v -> Settlement.settleWith(result, g, v, vat, "a then() function"), result::rejectInternal);
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
        listen(vat, v -> result.resolveInternal(v, vat),
                p -> Settlement.settleWith(result, recovery, p, vat, "an otherwise() function"));
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

    /**
     * The status, read without the lock: once it says settled, {@link #value}, {@link #origin}
     * and {@link #problem} are fixed and visible to this thread, which may read them without the
     * lock. (Reactions registered before the promise settled may still be running.)
     */
    int statusNow() {
        return (int) STATUS.getAcquire(this);
    }

    /** Whether this promise has settled, either way. */
    public boolean isSettled() {
        return statusNow() != PENDING;
    }

    /** Whether this promise is fulfilled. */
    public boolean isFulfilled() {
        return statusNow() == FULFILLED;
    }

    /** The problem this promise is broken with, or null if it is not broken (yet). */
    public Problem problemOrNull() {
        return statusNow() == BROKEN ? problem : null;
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
        Settlement.await(this, timeout);
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
    Object settledValue(Vat observer, boolean copy) {
        if (statusNow() == BROKEN) {
            throw new ProblemException(problem);
        }
        return copy ? Pass.across(value, origin, observer) : Pass.toReader(value, origin);
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
            Settlement.forward(this, followed);
        } else {
            Settlement.settle(this, FULFILLED, result, from, null);
        }
    }

    void rejectInternal(Problem why) {
        if (!isSettled()) {
            BrokenPromises.count(why);
        }
        Settlement.settle(this, BROKEN, null, null, why);
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

    /**
     * Sends a message through this promise: queued while pending, delivered to the target
     * once fulfilled, broken at once if broken. {@code answer} is null for a send-only message.
     */
    void send(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        PromiseMessages.send(this, method, method.name(), args, answer, sender);
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

    private void listen(Vat vat, Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
        Reaction.Listener listener = new Reaction.Listener(vat, onFulfilled, onBroken);
        if (!Reaction.add(this, listener)) {
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
        Reaction.Observer observer = new Reaction.Observer(onFulfilled, onBroken);
        if (!Reaction.add(this, observer)) {
            observer.fire(this);
        }
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
}
