package dev.erg.server.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What each worker process may use, and how it starts.
 *
 * @param heapMegabytes its heap limit ({@code -Xmx})
 * @param cpu           the CPU time it may use in all once started; a worker that uses more is killed
 * @param startTimeout  how long it may take to start and offer its control object
 * @param cdsArchive    the class-data sharing archive that speeds its start, made by its first start if missing
 * @param spare         whether a started worker is kept waiting for the next spawn, so that a spawn
 *                      need not wait for a JVM to start (at the cost of one idle worker)
 */
public record WorkerLimits(int heapMegabytes, Duration cpu, Duration startTimeout, Optional<Path> cdsArchive,
                           boolean spare) {

    public WorkerLimits {
        if (heapMegabytes < 16) {
            throw new IllegalArgumentException("a worker's heap needs at least 16 MB, not " + heapMegabytes);
        }
        if (cpu.isNegative() || cpu.isZero() || startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("worker time limits must be positive: " + cpu + ", " + startTimeout);
        }
    }

    /** 256 MB of heap, 10 minutes of CPU time, 60 s to start (on a loaded machine), no archive, no spare. */
    public static WorkerLimits defaults() {
        return new WorkerLimits(256, Duration.ofMinutes(10), Duration.ofSeconds(60), Optional.empty(), false);
    }

    /** These limits with a heap of {@code megabytes}. */
    public WorkerLimits withHeap(int megabytes) {
        return new WorkerLimits(megabytes, cpu, startTimeout, cdsArchive, spare);
    }

    /** These limits with {@code cpu} of CPU time. */
    public WorkerLimits withCpu(Duration cpu) {
        return new WorkerLimits(heapMegabytes, cpu, startTimeout, cdsArchive, spare);
    }

    /** These limits with the class-data sharing archive {@code archive}. */
    public WorkerLimits withCdsArchive(Path archive) {
        return new WorkerLimits(heapMegabytes, cpu, startTimeout, Optional.of(archive), spare);
    }

    /** These limits, keeping a spare worker started or not. */
    public WorkerLimits withSpare(boolean keep) {
        return new WorkerLimits(heapMegabytes, cpu, startTimeout, cdsArchive, keep);
    }
}
