package dev.erg.vat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A scheduler for simulation tests: every turn runs on the thread that drives it, one turn
 * at a time, the next vat chosen among the runnable ones by a random generator seeded with
 * {@link #seed()}; time is virtual and moves only when the driver says so. The same seed and
 * the same program give the same schedule, so a failing run replays exactly.
 *
 * {@snippet :
 * DeterministicScheduler sim = new DeterministicScheduler(42);
 * try (VatRuntime runtime = VatRuntime.builder().scheduler(sim).build()) {
 *     Vat alice = runtime.newVat("alice");
 *     Promise<Integer> answer = alice.call(() -> 6 * 7);
 *     sim.runUntilIdle();
 *     assert answer.join(Duration.ZERO) == 42;
 * }
 * }
 *
 * <p>Methods are synchronized; drive the scheduler from one thread.
 */
public final class DeterministicScheduler extends Scheduler {

    /** Turns {@link #runUntilIdle()} runs before it decides the program never goes idle. */
    public static final long MAX_TURNS = 50_000_000;

    private final long seed;
    private final SplittableRandom order;
    private final ArrayList<Vat> runnable = new ArrayList<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>();
    private long nowNanos;
    private long timersMade;
    private long turnsRun;

    /** A scheduler whose choices all derive from {@code seed}. */
    public DeterministicScheduler(long seed) {
        this.seed = seed;
        this.order = new SplittableRandom(seed);
    }

    /** The seed this scheduler was made with; print it when a simulation fails. */
    public long seed() {
        return seed;
    }

    /** Runs one turn of a runnable vat chosen by the seeded generator; false if none is runnable. */
    public synchronized boolean step() {
        if (runnable.isEmpty()) {
            return false;
        }
        int i = order.nextInt(runnable.size());
        Vat vat = runnable.get(i);
        runnable.set(i, runnable.getLast());
        runnable.removeLast();
        turnsRun++;
        vat.runTurns(1);
        return true;
    }

    /**
     * Runs turns until no vat has work, without moving time. Returns the number of turns run.
     *
     * @throws IllegalStateException if the vats are still busy after {@link #MAX_TURNS} turns
     */
    public synchronized long runUntilIdle() {
        long before = turnsRun;
        while (step()) {
            if (turnsRun - before > MAX_TURNS) {
                throw new IllegalStateException("vats still busy after " + MAX_TURNS + " turns (seed " + seed + ")");
            }
        }
        return turnsRun - before;
    }

    /**
     * Moves virtual time forward by {@code duration}, firing due timers in order of their
     * deadlines and running all turns that follow each, then runs until idle.
     */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        long until = Math.addExact(nowNanos, duration.toNanos());
        runUntilIdle();
        while (!timers.isEmpty() && timers.peek().deadline <= until) {
            fireNext();
        }
        nowNanos = until;
    }

    /** Runs until no vat has work and no timer is pending, moving time as far as needed. */
    public synchronized void runAll() {
        runUntilIdle();
        while (!timers.isEmpty()) {
            fireNext();
        }
    }

    /** Virtual time elapsed since this scheduler was made. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** Turns run so far. */
    public synchronized long turnsRun() {
        return turnsRun;
    }

    private void fireNext() {
        Timed next = timers.poll();
        nowNanos = Math.max(nowNanos, next.deadline);
        next.action.run();
        runUntilIdle();
    }

    @Override
    synchronized void submit(Vat vat) {
        runnable.add(vat);
    }

    @Override
    synchronized void schedule(long delayNanos, Runnable action) {
        timers.add(new Timed(nowNanos + delayNanos, timersMade++, action));
    }

    @Override
    synchronized Instant now() {
        return Instant.EPOCH.plusNanos(nowNanos);
    }

    @Override
    RandomGenerator randomFor(long vatSequence) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (vatSequence + 1)));
    }

    @Override
    synchronized void close() {
        timers.clear();
        runUntilIdle();
    }

    private record Timed(long deadline, long sequence, Runnable action) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }
}
