package dev.erg.bench.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One rate measured once in every round: its name, how it is taken, and what the measured rounds
 * gave. A bulk measure also counts the CPU time each of the two JVMs spent on it (user and system,
 * every thread), so that its cost per byte can be read beside its rate: on a shared machine the
 * rate moves with the others' work, the CPU time much less. Of that time it also counts what the
 * JIT compilers took ({@link CompilerCpu}), which is still large while the run warms up.
 */
final class Measure {

    private final String name;
    private final Callable<Double> take;
    /** The process at the other end, whose CPU time is counted; null if none is. */
    private final ProcessHandle peer;
    private final List<Double> rounds = new ArrayList<>();
    /** CPU seconds of each measured round, this JVM's and the peer's, then of their compilers: {here, there, here's, there's}. */
    private final List<double[]> cpu = new ArrayList<>();

    Measure(String name, Callable<Double> take) {
        this(name, take, null);
    }

    /** A measure that also counts the CPU time of this JVM and of {@code peer}. */
    Measure(String name, Callable<Double> take, ProcessHandle peer) {
        this.name = name;
        this.take = take;
        this.peer = peer;
    }

    String name() {
        return name;
    }

    /** Takes the measure once; keeps the figure if {@code kept} (a measured round, not a warm-up). */
    double take(boolean kept) throws Exception {
        long[] before = peer == null ? null : cpuNanos();
        double figure = take.call();
        if (kept) {
            rounds.add(figure);
            if (peer != null) {
                long[] after = cpuNanos();
                double[] seconds = new double[after.length];
                for (int i = 0; i < after.length; i++) {
                    seconds[i] = before[i] < 0 || after[i] < 0 ? Double.NaN : (after[i] - before[i]) / 1e9;
                }
                cpu.add(seconds);
            }
        }
        return figure;
    }

    List<Double> rounds() {
        return rounds;
    }

    /** Whether the CPU time of both JVMs was counted. */
    boolean countsCpu() {
        return peer != null;
    }

    /** The CPU seconds of round {@code i}: {@code side} 0 for this JVM, 1 for the peer. */
    double cpuSeconds(int i, int side) {
        return cpu.get(i)[side];
    }

    /** The CPU seconds the JIT compilers took in round {@code i}, as {@link #cpuSeconds}; NaN where not known. */
    double compilerSeconds(int i, int side) {
        return cpu.get(i)[2 + side];
    }

    double median() {
        return Stats.median(rounds);
    }

    double min() {
        return rounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The CPU nanoseconds so far of this JVM, of the peer, then of their compilers (-1 where not known). */
    private long[] cpuNanos() {
        ProcessHandle here = ProcessHandle.current();
        return new long[] {cpuNanos(here), cpuNanos(peer), CompilerCpu.nanos(here.pid()), CompilerCpu.nanos(peer.pid())};
    }

    /** What the kernel counts for the process, all its threads (on Linux, from /proc). */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
    }
}
