package dev.erg.vat;

import dev.erg.trace.TraceLog;
import dev.erg.trace.Tracer;
import dev.erg.vat.spi.LogLimiter;
import dev.erg.vat.spi.TurnGuard;
import dev.erg.vat.spi.Vats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * An island of objects with one event loop. A vat runs one turn at a time, to completion,
 * never re-entrantly; objects inside it call each other directly, while everything outside
 * reaches them only by eventual sends, which queue a message for a later turn.
 *
 * <p>Vats are cheap: they own no thread. Many vats share the few threads of their
 * {@link VatRuntime}; an idle vat costs a few hundred bytes. A turn that a message from the
 * network starts in an idle vat may run on the I/O thread that received it, still one turn
 * of the vat at a time (ADR 9); a vat woken by a turn runs next on that turn's thread (ADR 13).
 * So a turn must not block: while it waits, its thread runs nothing else, and a vat it woke
 * waits for it too, for some milliseconds, or for good on a runtime of one thread. A vat lives until
 * {@link #shutdown()} or until its runtime is closed; after that, messages still queued for
 * it and every later send to its objects break with a {@value Problem#VAT_SHUT_DOWN} problem.
 *
 * <p>All methods may be called from any thread.
 */
public final class Vat {

    /*
     * The queue is a multi-producer, single-consumer list: producers push onto `inbox`, a
     * lock-free stack; the loop takes the whole stack at once and reverses it into `ready`.
     * `scheduled` is 1 from the moment the vat is handed to the scheduler until its loop has
     * finished a batch, which is what makes turns of one vat mutually exclusive.
     */

    static final LogLimiter LOG = LogLimiter.of(System.getLogger(Vat.class.getName()));
    static final VarHandle INBOX;
    static final VarHandle SCHEDULED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            INBOX = lookup.findVarHandle(Vat.class, "inbox", Turn.class);
            SCHEDULED = lookup.findVarHandle(Vat.class, "scheduled", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Vats.install(new VatHooks());
    }

    private final VatRuntime runtime;
    private final String name;
    private final long sequence;
    volatile Turn inbox;
    /** The turns taken from {@link #inbox}, oldest first; touched only by the loop running the vat. */
    Turn ready;
    volatile int scheduled;
    volatile boolean shutDown;
    /** Why the vat was terminated, written before {@link #shutDown}; null if it was only shut down. */
    private volatile Problem terminated;
    /** Runs around each turn if set; set before the first turn is queued, so read plainly. */
    TurnGuard guard;
    /** What application code threw in the current turn; written only while a guard is set. */
    Throwable thrownInTurn;
    /** This vat's trace log, if its runtime traces; see {@link Traces}. */
    private final TraceLog traceLog;
    private RandomGenerator random;
    private Set<Consumer<Problem>> shutdownListeners;
    /** When turns of this vat may run on a receiving thread again ({@link HereTurns}); 0: now. */
    private volatile long hereAgainAt;
    /** Whether the send being made hands its byte arrays over ({@link #handOver}); touched only in this vat's turns. */
    private boolean handingOver;

    Vat(VatRuntime runtime, String name, long sequence) {
        this.runtime = runtime;
        this.name = name;
        this.sequence = sequence;
        this.traceLog = runtime.tracer() == null ? null : runtime.tracer().newLog(name);
    }

    /** The vat whose turn is running on this thread, or null outside any turn. */
    static Vat current() {
        return Thread.currentThread() instanceof VatThread t ? t.vat : Traces.plainFrame().vat;
    }

    /** This vat's trace log, or null if its runtime does not trace. */
    TraceLog traceLog() {
        return traceLog;
    }

    /** The runtime that made this vat. */
    VatRuntime runtime() {
        return runtime;
    }

    /** The name given at creation, for logs and problems; not an identity. */
    public String name() {
        return name;
    }

    /**
     * Makes {@code object}, which from now on belongs to this vat, reachable from other vats
     * through {@code iface}: the result is an eventual reference whose method calls queue
     * messages for this vat. Only the methods of {@code iface} are reachable through it.
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface (every
     *                                  method returns {@link Promise} or {@code void}, and
     *                                  takes and answers only values that can cross vats),
     *                                  or {@code object} does not implement it
     */
    public <T> T export(T object, Class<T> iface) {
        Objects.requireNonNull(object, "object");
        RemoteInterfaces.require(iface);
        if (!iface.isInstance(object)) {
            throw new IllegalArgumentException(object.getClass().getName() + " does not implement " + iface.getName());
        }
        if (Ref.isReference(object)) {
            throw new IllegalArgumentException("already a reference, not a near object: " + object);
        }
        return iface.cast(FarRef.proxy(this, object, new Class<?>[] {iface}));
    }

    /**
     * Runs {@code action} in a later turn of this vat. An exception it throws is logged here.
     *
     * @throws IllegalStateException if the vat is shut down
     */
    public void run(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!enqueue(new Task(() -> {
            action.run();
            return null;
        }, null))) {
            throw new IllegalStateException("vat " + name + " is shut down");
        }
    }

    /**
     * Runs {@code action} in a later turn of this vat and promises its result. If the action
     * throws, the promise breaks with the corresponding {@link Problem}.
     */
    public <T> Promise<T> call(Supplier<? extends T> action) {
        Objects.requireNonNull(action, "action");
        return start(action);
    }

    /**
     * Runs {@code action} in a later turn of this vat; the result follows the promise it
     * returns. If the action throws, the result breaks with the corresponding {@link Problem}.
     */
    public <T> Promise<T> callPromise(Supplier<? extends Promise<T>> action) {
        Objects.requireNonNull(action, "action");
        return start(action);
    }

    @SuppressWarnings("unchecked")
    private <T> Promise<T> start(Supplier<?> action) {
        Promise<Object> answer = new Promise<>();
        enqueue(new Task(action, answer));
        return (Promise<T>) answer;
    }

    /** The clock and timers of this vat's runtime: virtual under a deterministic scheduler. */
    public Timer timer() {
        return runtime.timer();
    }

    /**
     * This vat's source of randomness, seeded from the scheduler's seed under a deterministic
     * scheduler. Not for secrets; use only within this vat's turns.
     */
    public RandomGenerator random() {
        if (random == null) {
            random = runtime.scheduler().randomFor(sequence);
        }
        return random;
    }

    /**
     * Stops this vat: the current turn, if any, finishes; queued and future messages break
     * with a {@value Problem#VAT_SHUT_DOWN} problem. Idempotent.
     */
    public void shutdown() {
        stop(null);
    }

    /** Shuts the vat down, breaking what refers to it with {@code why}, or the usual problem if null. */
    private void stop(Problem why) {
        synchronized (this) {
            if (shutDown) {
                return;
            }
            terminated = why;
            shutDown = true;
        }
        runtime.forget(this);
        tellShutdownListeners();
        if (traceLog != null) {
            runtime.tracer().retire(traceLog);
        }
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            runtime.scheduler().submit(this);
        }
    }

    /** Installs the guard run around each turn; see {@link Vats#guard}. */
    void guard(TurnGuard turnGuard) {
        Objects.requireNonNull(turnGuard, "guard");
        synchronized (this) {
            if (guard != null) {
                throw new IllegalStateException("vat " + name + " has a turn guard already");
            }
            guard = turnGuard;
        }
    }

    /** Stops the vat, saying why to everything that refers to it; see {@link Vats#terminate}. */
    void terminate(String reason) {
        Objects.requireNonNull(reason, "reason");
        stop(Problem.of(Problem.VAT_SHUT_DOWN, "vat %s terminated: %s", name, reason));
    }

    /**
     * Shuts this vat down as a revocation: the current turn, if any, finishes; queued and
     * future messages, and every reference into it, break with a {@value Problem#REVOKED}
     * problem that gives {@code reason}. Idempotent: only the first reason counts.
     */
    public void revoke(String reason) {
        Objects.requireNonNull(reason, "reason");
        stop(Problem.of(Problem.REVOKED, "revoked: %s", reason));
    }

    /** Calls {@code listener} once, with the problem, when this vat shuts down (at once if it has). */
    void whenShutDown(Consumer<Problem> listener) {
        synchronized (this) {
            if (!shutDown) {
                if (shutdownListeners == null) {
                    shutdownListeners = new LinkedHashSet<>();
                }
                shutdownListeners.add(listener);
                return;
            }
        }
        listener.accept(shutDownProblem());
    }

    /** Stops telling {@code listener}, given to {@link #whenShutDown}, and lets go of it. */
    synchronized void forgetShutDown(Consumer<Problem> listener) {
        if (shutdownListeners != null) {
            shutdownListeners.remove(listener);
        }
    }

    private void tellShutdownListeners() {
        Set<Consumer<Problem>> listeners;
        synchronized (this) {
            listeners = shutdownListeners;
            shutdownListeners = null;
        }
        if (listeners != null) {
            Problem why = shutDownProblem();
            listeners.forEach(l -> l.accept(why));
        }
    }

    /** Whether {@link #shutdown()} was called on this vat or its runtime was closed. */
    public boolean isShutDown() {
        return shutDown;
    }

    @Override
    public String toString() {
        return "Vat[" + name + (shutDown ? ", shut down]" : "]");
    }

    /**
     * Queues a turn. Returns false, having cancelled the turn, if the vat is shut down or its
     * guard refused the message.
     */
    boolean enqueue(Turn turn) {
        if (shutDown) {
            turn.cancel(shutDownProblem());
            return false;
        }
        TurnGuard turnGuard = guard;
        if (turnGuard != null && turn instanceof Delivery) {
            Problem refused = turnGuard.admit();
            if (refused != null) {
                turn.cancel(refused);
                return false;
            }
        }
        VatObserver observer = runtime.observer();
        if (observer != null) {
            observer.queued(this, turn instanceof Delivery);
        }
        Tracer tracer = runtime.tracer();
        if (tracer != null) {
            Traces.stamp(turn, this, tracer);
        }
        Turn top;
        do {
            top = inbox;
            turn.next = top;
        } while (!INBOX.compareAndSet(this, top, turn));
        // A plain read first: a busy vat is already scheduled, and a failed CAS still costs.
        if (scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1) && !(mayRunHere() && HereTurns.claim(this))) {
            runtime.scheduler().submit(this);
        }
        return true;
    }

    /** Whether a receiving thread may run this vat's turns itself; see {@link HereTurns}. */
    private boolean mayRunHere() {
        long againAt = hereAgainAt;
        return guard == null && runtime.scheduler().runsTurnsHere() && (againAt == 0 || System.nanoTime() - againAt >= 0);
    }

    /**
     * Runs up to {@code maxTurns} turns on a receiving thread that claimed this vat, stopping
     * after the turn that uses up {@code budgetNanos}; the rest goes to the scheduler. Turns
     * that overran the budget keep this vat off receiving threads for a while.
     */
    void runHere(int maxTurns, long budgetNanos) {
        long start = System.nanoTime();
        TurnLoop.runTurns(this, maxTurns, start + budgetNanos);
        long end = System.nanoTime();
        if (end - start > budgetNanos) {
            hereAgainAt = end + HereTurns.BACKOFF_NANOS;
        }
    }

    /**
     * Runs up to {@code maxTurns} turns; called by the scheduler, which guarantees that only
     * one thread does so at a time for a vat. Resubmits the vat if work remains.
     */
    void runTurns(int maxTurns) {
        TurnLoop.runTurns(this, maxTurns, 0);
    }

    /**
     * Runs {@code send}, eventual sends whose byte arrays their sender gives up: those that
     * leave this JVM skip the copy that the codec's own makes needless (see {@link Pass}).
     */
    void handOver(Runnable send) {
        boolean outer = handingOver;
        handingOver = true;
        try {
            send.run();
        } finally {
            handingOver = outer;
        }
    }

    /** Whether the send being made hands its byte arrays over. */
    boolean handingOver() {
        return handingOver;
    }

    /** Tells this vat's guard, if any, that its code is making an eventual send; see {@link TurnGuard#sending}. */
    void sending() {
        TurnGuard turnGuard = guard;
        if (turnGuard != null) {
            turnGuard.sending();
        }
    }

    /** Called when the scheduler can no longer run this vat: breaks everything queued. */
    void abandon() {
        shutDown = true;
        runtime.forget(this);
        tellShutdownListeners();
        if (traceLog != null) {
            runtime.tracer().retire(traceLog);
        }
        TurnLoop.cancelQueued(this);
        scheduled = 0;
    }

    /**
     * Logs that application code ({@code what}: a task, a callback, a method) threw in a turn
     * of this vat: a line per site and exception class per interval, the first with its trace.
     */
    void report(String what, Throwable thrown) {
        if (guard != null && !(thrownInTurn instanceof VirtualMachineError)) {
            thrownInTurn = thrown;
        }
        // A ProblemException is an answer the application chose, not a fault: no trace.
        boolean chosen = thrown instanceof ProblemException;
        LOG.log(chosen ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                what + " threw " + thrown.getClass().getName(),
                () -> "vat " + name + ": " + what + " threw " + thrown,
                chosen ? null : thrown);
    }

    /**
     * Logs like {@link #report} that {@code method}, called by an eventual send, threw; and
     * counts it as a {@link PeerFault#METHOD_THREW} unless it chose to answer with a problem.
     */
    void reportCall(String method, Throwable thrown) {
        if (!(thrown instanceof ProblemException)) {
            PeerFault.METHOD_THREW.add();
        }
        report(method, thrown);
    }

    Problem shutDownProblem() {
        Problem why = terminated;
        return why != null ? why : Problem.of(Problem.VAT_SHUT_DOWN, "vat %s was shut down", name);
    }
}
