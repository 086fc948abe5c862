package dev.erg.bench.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's just-in-time compiler threads (C1 and C2) have used, as Linux counts it
 * per thread in {@code /proc}: what part of a transfer's CPU went to compiling rather than to
 * the transfer, which tells a run still warming up from one at its steady state.
 */
final class CompilerCpu {

    /** Nanoseconds per clock tick: Linux reports thread times in ticks of 1/100 s on every architecture it exports them. */
    private static final long TICK_NANOS = 10_000_000L;

    private CompilerCpu() {
    }

    /** The compiler threads' CPU nanoseconds in process {@code pid} so far, or -1 where {@code /proc} does not say. */
    static long nanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(CompilerCpu::compilerTicks).sum() * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The user and system ticks of {@code thread} if it is a compiler thread, else 0; 0 too if it has ended. */
    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // Fields after the name, which is in parentheses and may hold spaces: state is the first, utime the 12th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }
}
