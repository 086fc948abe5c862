package dev.erg.samples.workers;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The master of Cloud Haskell's master/worker pattern: it hands ranges to count to remote
 * workers, keeping a few outstanding at each so that none waits for work, and adds up the
 * answers.
 *
 * <p>A worker that goes away (its process killed, its machine cut off) breaks its reference
 * with an {@value Problem#UNAVAILABLE} problem ({@value Problem#VAT_SHUT_DOWN} for a worker in
 * a vat of this process). The master hears of it twice, and acts on
 * whichever comes first: through {@link Ref#monitor} on the worker, and through the broken
 * answers of the ranges it was counting. Those ranges go back to the front of the queue, for
 * the workers left; so every range is counted exactly once in the total, whoever counts it. Any
 * other problem (a bug, a refused range) fails the job, as does losing every worker.
 *
 * <p>A master lives in one vat: all its state is touched only in that vat's turns.
 */
public final class Master {

    private final Map<String, PrimeWorker> live;
    private final Map<String, Set<Range>> outstanding = new LinkedHashMap<>();
    private final Map<String, Integer> counted = new LinkedHashMap<>();
    private final Deque<Range> pending;
    private final int ranges;
    private final int window;
    private final Consumer<? super JobEvent> events;
    private final Deferred<JobResult> result = Promise.defer();
    private final List<Range> reassigned = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    private long primes;
    private int done;
    private boolean finished;

    private Master(Map<String, PrimeWorker> workers, List<Range> ranges, int window, Consumer<? super JobEvent> events) {
        this.live = new LinkedHashMap<>(workers);
        this.pending = new ArrayDeque<>(ranges);
        this.ranges = ranges.size();
        this.window = window;
        this.events = events;
    }

    /**
     * Counts the primes in {@code ranges} with {@code workers} (by name), from a master living
     * in {@code vat}, keeping up to {@code window} ranges outstanding at each worker.
     * {@code events} is told of each step, in the master's turns; it should be quick.
     */
    public static Promise<JobResult> run(Vat vat, Map<String, PrimeWorker> workers, List<Range> ranges, int window,
                                         Consumer<? super JobEvent> events) {
        if (workers.isEmpty() || window < 1) {
            throw new IllegalArgumentException("workers: " + workers.size() + ", window: " + window
                    + " (expected: at least one of each)");
        }
        return vat.callPromise(() -> {
            Master master = new Master(workers, ranges, window, events);
            master.start();
            return master.result.promise();
        });
    }

    private void start() {
        live.forEach((name, worker) -> {
            outstanding.put(name, new LinkedHashSet<>());
            counted.put(name, 0);
            Ref.monitor(worker, problem -> lose(name, problem));
        });
        if (ranges == 0) {
            finish();
            return;
        }
        live.keySet().forEach(this::fill);
    }

    /** Sends {@code name} ranges until it has a full window of them, or none are left. */
    private void fill(String name) {
        PrimeWorker worker = live.get(name);
        Set<Range> sent = outstanding.get(name);
        while (worker != null && sent.size() < window && !pending.isEmpty()) {
            Range range = pending.poll();
            sent.add(range);
            events.accept(new JobEvent.Assigned(name, range));
            worker.countPrimes(range.from(), range.to()).when(
                    count -> counted(name, range, count),
                    problem -> broken(name, range, problem));
        }
    }

    private void counted(String name, Range range, long count) {
        Set<Range> sent = outstanding.get(name);
        if (finished || !sent.remove(range)) {
            return;
        }
        primes += count;
        done++;
        counted.merge(name, 1, Integer::sum);
        events.accept(new JobEvent.Counted(name, range, count));
        if (done == ranges) {
            finish();
        } else {
            fill(name);
        }
    }

    private void broken(String name, Range range, Problem problem) {
        if (finished) {
            return;
        }
        if (Problem.UNAVAILABLE.equals(problem.kind()) || Problem.VAT_SHUT_DOWN.equals(problem.kind())) {
            lose(name, problem);
        } else {
            fail(Problem.of(problem.kind(), "%s, counting %s: %s", name, range, problem.message()));
        }
    }

    /** Stops using worker {@code name}, and queues again what it was counting; once only. */
    private void lose(String name, Problem problem) {
        if (finished || live.remove(name) == null) {
            return;
        }
        lost.add(name);
        events.accept(new JobEvent.WorkerLost(name, problem));
        List<Range> unfinished = new ArrayList<>(outstanding.get(name));
        outstanding.get(name).clear();
        // Back to the front, in their order, so that they are counted next.
        for (Range range : unfinished.reversed()) {
            pending.addFirst(range);
        }
        for (Range range : unfinished) {
            reassigned.add(range);
            events.accept(new JobEvent.Reassigned(range, name));
        }
        if (live.isEmpty()) {
            fail(Problem.of("NoWorkers", "every worker was lost, with %d of %d ranges counted; the last: %s",
                    done, ranges, problem));
            return;
        }
        live.keySet().forEach(this::fill);
    }

    private void finish() {
        finished = true;
        result.resolver().resolve(new JobResult(primes, counted, reassigned, lost));
    }

    private void fail(Problem problem) {
        finished = true;
        result.resolver().reject(problem);
    }
}
