package dev.erg.vat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * How a {@link Promise} settles, once, how settling spreads to the promises that follow it,
 * and how a thread outside vats waits for it. Each promise changes under its own lock, which
 * runs the reactions that only queue work; relays to followers and observers run after the
 * lock is released, iteratively, so that long forwarding chains need neither nested locks nor
 * deep stacks.
 */
final class Settlement {

    private Settlement() {
    }

    /**
     * Blocks the calling thread until {@code promise} settles.
     *
     * @throws JoinTimeoutException  if it is still pending after {@code timeout}
     * @throws IllegalStateException if the thread is interrupted (its interrupt status is kept)
     */
    static void await(Promise<?> promise, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (promise) {
            while (promise.status == Promise.PENDING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JoinTimeoutException(timeout);
                }
                promise.waiters++;
                try {
                    promise.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a promise", e);
                } finally {
                    promise.waiters--;
                }
            }
        }
    }

    /** Resolves {@code promise} with {@code f(input)}, run in {@code vat}, or breaks it if f throws. */
    static <I, T> void settleWith(Promise<T> promise, Function<? super I, ? extends T> f, I input, Vat vat,
                                  String what) {
        T r;
        try {
            r = f.apply(input);
        } catch (RuntimeException e) {
            vat.report(what, e);
            promise.rejectInternal(Problem.from(e));
            return;
        }
        promise.resolveInternal(r, vat);
    }

    /** Makes {@code promise} follow {@code target}, past the promises that only forward; breaks it on a cycle. */
    static void forward(Promise<?> promise, Promise<?> target) {
        Promise<?> end = target;
        for (int hops = 0; end != null; hops++) {
            if (end == promise || hops > 1_000_000) {
                promise.rejectInternal(Problem.of(Problem.CYCLE, "promise resolved to a promise that waits for it"));
                return;
            }
            // A promise that converts its value is followed, not skipped: its followers see what it converts to.
            Promise<?> next = end.expected != null ? null : end.forwardedTo;
            if (next == null) {
                break;
            }
            end = next;
        }
        promise.forwardedTo = end;
        if (!Reaction.add(end, new Reaction.Relay(promise))) {
            relayFrom(promise, end);
        }
    }

    /**
     * Settles an answer promise with the result a method returned in vat {@code home}, passed
     * at once into the {@code sender}'s vat, so that later mutations in {@code home} are not
     * seen.
     */
    static void resolveAnswer(Promise<?> answer, Object result, Vat home, Vat sender) {
        Promise<?> returned = Ref.promiseBehind(result);
        if (returned == null) {
            settlePassed(answer, result, home, sender);
            return;
        }
        switch (returned.statusNow()) {
            case Promise.FULFILLED -> settlePassed(answer, returned.value, returned.origin, sender);
            // Followed rather than copied when traced, so that the trace names the answer it broke with.
            case Promise.BROKEN -> {
                if (answer.trace() == null) {
                    answer.rejectInternal(returned.problem);
                } else {
                    forward(answer, returned);
                }
            }
            default -> forward(answer, returned);
        }
    }

    private static void settlePassed(Promise<?> promise, Object result, Vat from, Vat to) {
        Object passed;
        try {
            passed = Pass.across(result, from, to);
        } catch (ProblemException e) {
            promise.rejectInternal(e.problem());
            return;
        }
        settle(promise, Promise.FULFILLED, passed, to, null);
    }

    /** Settles {@code promise} as {@code source}, which has settled. */
    private static void relayFrom(Promise<?> promise, Promise<?> source) {
        settle(promise, source.statusNow(), source.value, source.origin, source.problem);
    }

    /** Settles {@code promise}, if still pending, and every promise that follows it. */
    static void settle(Promise<?> promise, int newStatus, Object newValue, Vat newOrigin, Problem newProblem) {
        ArrayDeque<Promise<?>> work = null;
        Promise<?> current = promise;
        int s = newStatus;
        Object v = newValue;
        Vat from = newOrigin;
        Problem p = newProblem;
        while (current != null) {
            if (current.expected != null && s == Promise.FULFILLED) {
                settleConverted(current, v, from);
                current = work == null ? null : work.poll();
                continue;
            }
            Reaction deferred = settleOne(current, s, v, from, p);
            for (Reaction r = deferred; r != null; r = r.next) {
                if (r instanceof Reaction.Observer observer) {
                    observer.fire(current);
                    continue;
                }
                if (work == null) {
                    work = new ArrayDeque<>();
                }
                work.add(((Reaction.Relay) r).follower);
            }
            current = work == null ? null : work.poll();
        }
    }

    /**
     * Fulfils {@code promise} with {@code v} converted to its declared type, or breaks it saying
     * why {@code v} does not fit; its followers see the outcome. Conversions are rare in a
     * chain of promises, so following them by recursion stays shallow.
     */
    private static void settleConverted(Promise<?> promise, Object v, Vat from) {
        int s = Promise.FULFILLED;
        Object converted = null;
        Problem p = null;
        try {
            converted = promise.expected.apply(v);
        } catch (Conversion.Mismatch m) {
            s = Promise.BROKEN;
            p = Problem.of(Problem.NOT_PASSABLE, "%s: %s", promise.expectedFor, m.getMessage());
        }
        Reaction deferred = settleOne(promise, s, converted, s == Promise.FULFILLED ? from : null, p);
        for (Reaction r = deferred; r != null; r = r.next) {
            if (r instanceof Reaction.Observer observer) {
                observer.fire(promise);
            } else {
                settle(((Reaction.Relay) r).follower, s, converted, from, p);
            }
        }
    }

    /**
     * Settles {@code promise} alone; returns its relays and observers, unlinked, in order, for
     * the caller to run once the lock is released.
     */
    private static Reaction settleOne(Promise<?> promise, int s, Object v, Vat from, Problem p) {
        synchronized (promise) {
            if (promise.status != Promise.PENDING) {
                return null;
            }
            promise.value = v;
            promise.origin = from;
            promise.problem = p;
            promise.claimed = true;
            Promise.STATUS.setRelease(promise, s);
            promise.remote = null;
            if (promise.trace() != null) {
                Traces.settled(promise.trace(), promise.forwardedTo, p);
            }
            Reaction deferred = null;
            Reaction deferredLast = null;
            Reaction r = promise.first;
            promise.first = null;
            promise.last = null;
            while (r != null) {
                Reaction next = r.next;
                r.next = null;
                switch (r) {
                    case Reaction.Listener listener -> listener.fire(promise);
                    case Reaction.Pipelined message -> message.deliverThrough(promise);
                    case Reaction.Relay _, Reaction.Observer _ -> {
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
            if (promise.waiters > 0) {
                promise.notifyAll();
            }
            return deferred;
        }
    }
}
