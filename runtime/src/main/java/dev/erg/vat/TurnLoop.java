package dev.erg.vat;

import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceLog;
import dev.erg.trace.Tracer;
import dev.erg.vat.spi.TurnGuard;

/**
 * Runs a {@link Vat}'s queued turns, one at a time, each under the vat's turn guard and the
 * turn's trace context if it has them, and cancels what is queued once the vat is shut down.
 */
final class TurnLoop {

    private TurnLoop() {
    }

    /**
     * Runs up to {@code maxTurns} turns of {@code vat}, stopping after the turn that ends past
     * {@code deadline} (nano time; 0: none); resubmits the vat if work remains.
     */
    static void runTurns(Vat vat, int maxTurns, long deadline) {
        VatThread own = Thread.currentThread() instanceof VatThread t ? t : null;
        Traces.Frame plain = own == null ? Traces.plainFrame() : null;
        Vat outer;
        if (own != null) {
            outer = own.vat;
            own.vat = vat;
        } else {
            outer = plain.vat;
            plain.vat = vat;
        }
        VatObserver observer = vat.runtime().observer();
        try {
            for (int n = 0; n < maxTurns; n++) {
                if (vat.shutDown) {
                    cancelQueued(vat);
                    break;
                }
                Turn turn = poll(vat);
                if (turn == null) {
                    break;
                }
                // The one tracing check a turn makes: an unsampled turn runs as if there were no tracer.
                TraceContext traced = turn.trace;
                if (traced != null) {
                    runTraced(vat, turn, traced, observer);
                } else if (observer == null) {
                    runOne(vat, turn);
                } else {
                    long started = System.nanoTime();
                    runOne(vat, turn);
                    observer.ran(vat, System.nanoTime() - started);
                }
                // The clock is read at the end of the turn that woke the held vat, then every eighth turn.
                if (own != null && own.held != null && (own.heldTurns++ & 7) == 0) {
                    own.scheduler.releaseIfLate(own);
                }
                if (deadline != 0 && System.nanoTime() - deadline > 0) {
                    break;
                }
            }
        } finally {
            if (own != null) {
                own.vat = outer;
            } else {
                plain.vat = outer;
            }
        }
        vat.scheduled = 0;
        if ((vat.ready != null || vat.inbox != null) && Vat.SCHEDULED.compareAndSet(vat, 0, 1)) {
            vat.runtime().scheduler().submit(vat);
        }
    }

    private static void runOne(Vat vat, Turn turn) {
        TurnGuard turnGuard = vat.guard;
        if (turnGuard == null) {
            runTurn(vat, turn);
        } else {
            runGuarded(vat, turn, turnGuard);
        }
    }

    /**
     * Runs a sampled turn under its context, between its {@code begin} and {@code end} in the
     * vat's log: the sends it makes and the answers it settles are recorded as its own.
     */
    private static void runTraced(Vat vat, Turn turn, TraceContext traced, VatObserver observer) {
        TraceLog traceLog = vat.traceLog();
        Traces.Frame frame = Traces.frame();
        TraceLog outerLog = frame.log;
        Tracer outerTracer = frame.tracer;
        TraceContext outerTurn = frame.turn;
        frame.log = traceLog;
        Tracer tracer = vat.runtime().tracer();
        frame.tracer = tracer;
        frame.turn = traced;
        if (turn.sendUnrecorded) {
            Traces.recordSend(turn, traced, traceLog);
        }
        traceLog.record(TraceEvent.Kind.BEGIN, traced, 0, 0, turn.label());
        // The clock only for whoever reads turn times (two reads were a fifth of a traced turn).
        boolean timed = observer != null || tracer.timesTurns();
        long started = timed ? System.nanoTime() : 0;
        try {
            runOne(vat, turn);
        } finally {
            frame.log = outerLog;
            frame.tracer = outerTracer;
            frame.turn = outerTurn;
        }
        long took = timed ? System.nanoTime() - started : 0;
        if (observer != null) {
            observer.ran(vat, took);
        }
        traceLog.ended(traced, took);
    }

    private static void runTurn(Vat vat, Turn turn) {
        try {
            turn.run(vat);
        } catch (Throwable e) {
            // Every turn catches what application code throws: this is the runtime's own bug.
            Vat.LOG.log(System.Logger.Level.ERROR, "runtime bug " + e.getClass().getName(),
                    () -> "vat " + vat.name() + ": the runtime failed running a turn: " + e, e);
        }
    }

    private static void runGuarded(Vat vat, Turn turn, TurnGuard turnGuard) {
        vat.thrownInTurn = null;
        String stop;
        try {
            if (turn instanceof Delivery) {
                turnGuard.delivering();
            }
            turnGuard.beforeTurn();
            try {
                turn.run(vat);
            } catch (Throwable e) {
                // A Delivery rethrows a VirtualMachineError of the application: the guard judges it.
                vat.thrownInTurn = e;
            }
            stop = turnGuard.afterTurn(vat.thrownInTurn);
        } catch (RuntimeException | Error e) {
            stop = "its turn guard failed: " + e;
            Vat.LOG.log(System.Logger.Level.ERROR, "turn guard failed " + e.getClass().getName(),
                    () -> "vat " + vat.name() + ": its turn guard failed: " + e, e);
        } finally {
            vat.thrownInTurn = null;
        }
        if (stop != null) {
            vat.terminate(stop);
        }
    }

    /** Cancels every turn queued for {@code vat}, which is shut down. */
    static void cancelQueued(Vat vat) {
        Problem why = vat.shutDownProblem();
        for (Turn turn = poll(vat); turn != null; turn = poll(vat)) {
            if (turn.sendUnrecorded) {
                Traces.recordSend(turn, turn.trace, vat.traceLog());
            }
            try {
                turn.cancel(why);
            } catch (RuntimeException e) {
                vat.report("cancelling a turn", e);
            }
        }
    }

    private static Turn poll(Vat vat) {
        Turn head = vat.ready;
        if (head == null) {
            Turn stack = (Turn) Vat.INBOX.getAndSet(vat, (Turn) null);
            while (stack != null) {
                Turn below = stack.next;
                stack.next = head;
                head = stack;
                stack = below;
            }
            if (head == null) {
                return null;
            }
        }
        vat.ready = head.next;
        head.next = null;
        return head;
    }
}
