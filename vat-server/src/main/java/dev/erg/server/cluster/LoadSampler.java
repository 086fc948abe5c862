package dev.erg.server.cluster;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Measures the load a member posts: turns per second and the process's share of the machine's
 * processors, each over the time since the previous sample, and the vats it runs now. Used by
 * the heartbeat's thread only.
 */
public final class LoadSampler {

    private final LongSupplier turns;
    private final IntSupplier vats;
    private final int processors = Runtime.getRuntime().availableProcessors();
    private long lastNanos = System.nanoTime();
    private long lastTurns;
    private long lastCpuNanos = cpuNanos();

    /** Samples of {@code turns}, the turns run since the start, and {@code vats}, the vats running. */
    public LoadSampler(LongSupplier turns, IntSupplier vats) {
        this.turns = turns;
        this.vats = vats;
        this.lastTurns = turns.getAsLong();
    }

    /** The load since the previous sample. */
    Load sample() {
        long now = System.nanoTime();
        long ran = turns.getAsLong();
        long cpu = cpuNanos();
        double seconds = Math.max(1, now - lastNanos) / 1e9;
        double turnsPerSecond = Math.max(0, ran - lastTurns) / seconds;
        double share = Math.clamp(Math.max(0, cpu - lastCpuNanos) / (seconds * 1e9 * processors), 0.0, 1.0);
        lastNanos = now;
        lastTurns = ran;
        lastCpuNanos = cpu;
        return new Load(turnsPerSecond, share, Math.max(0, vats.getAsInt()));
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
