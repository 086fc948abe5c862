package dev.erg.server.spawn;

import dev.erg.confine.Limits;
import dev.erg.server.worker.WorkerLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one spawned vat may use: the {@link Limits} of a confined vat, and the heap and CPU
 * time of a worker process. Each limit has a name, the same in the configuration file
 * ({@code spawn.NAME}), on the command line ({@code --limit NAME=N}) and in a spawn request:
 * {@value #COMPUTRONS_TURN}, {@value #COMPUTRONS_VAT}, {@value #MESSAGES_TURN},
 * {@value #MESSAGES_PENDING}, {@value #STORAGE_BYTES}, {@value #WORKER_HEAP_MB},
 * {@value #WORKER_CPU_SECONDS}.
 *
 * @param confined         what a confined vat may spend, in the server's process or a worker's
 * @param workerHeapMegabytes the heap limit of a worker process
 * @param workerCpuSeconds the CPU time a worker process may use in all
 */
public record SpawnLimits(Limits confined, int workerHeapMegabytes, long workerCpuSeconds) {

    /** Computrons one turn of a confined vat may use. */
    public static final String COMPUTRONS_TURN = "computrons.turn";
    /** Computrons a confined vat may use in all. */
    public static final String COMPUTRONS_VAT = "computrons.vat";
    /** Eventual sends one turn of a confined vat may make. */
    public static final String MESSAGES_TURN = "messages.turn";
    /** Messages that may wait for a confined vat. */
    public static final String MESSAGES_PENDING = "messages.pending";
    /** Bytes a confined vat may store. */
    public static final String STORAGE_BYTES = "storage.bytes";
    /** A worker's heap, in megabytes. */
    public static final String WORKER_HEAP_MB = "worker.heap.mb";
    /** A worker's CPU time, in seconds. */
    public static final String WORKER_CPU_SECONDS = "worker.cpu.seconds";
    /** Every limit's name, in the order listed. */
    public static final List<String> NAMES = List.of(COMPUTRONS_TURN, COMPUTRONS_VAT, MESSAGES_TURN, MESSAGES_PENDING,
            STORAGE_BYTES, WORKER_HEAP_MB, WORKER_CPU_SECONDS);
    /** The largest heap a worker may be given, in megabytes: 1 TiB. */
    static final long MOST_HEAP_MB = 1L << 20;
    /** The most CPU seconds a worker may be given: a year. */
    static final long MOST_CPU_SECONDS = 366L * 24 * 3600;

    /** @throws IllegalArgumentException if the worker's heap is under 16 MB or its CPU time not positive */
    public SpawnLimits {
        Objects.requireNonNull(confined, "confined");
        if (workerHeapMegabytes < 16 || workerHeapMegabytes > MOST_HEAP_MB) {
            throw new IllegalArgumentException("a worker's heap is 16 to " + MOST_HEAP_MB + " MB, not " + workerHeapMegabytes);
        }
        if (workerCpuSeconds < 1 || workerCpuSeconds > MOST_CPU_SECONDS) {
            throw new IllegalArgumentException("a worker's CPU time is 1 to " + MOST_CPU_SECONDS + " s, not "
                    + workerCpuSeconds);
        }
    }

    /** {@link Limits#defaults()}, and the heap and CPU time of {@link WorkerLimits#defaults()}. */
    public static SpawnLimits defaults() {
        WorkerLimits worker = WorkerLimits.defaults();
        return new SpawnLimits(Limits.defaults(), worker.heapMegabytes(), worker.cpu().toSeconds());
    }

    /**
     * These limits with the limit called {@code name} set to {@code value}.
     *
     * @throws IllegalArgumentException naming the limit, if there is none of that name or the value is out of range
     */
    public SpawnLimits with(String name, long value) {
        Limits c = confined;
        try {
            return switch (name) {
                case COMPUTRONS_TURN -> new SpawnLimits(c.withComputrons(value, c.perVat()), workerHeapMegabytes,
                        workerCpuSeconds);
                case COMPUTRONS_VAT -> new SpawnLimits(c.withComputrons(c.perTurn(), value), workerHeapMegabytes,
                        workerCpuSeconds);
                case MESSAGES_TURN -> new SpawnLimits(c.withMessages(toInt(value), c.pendingMessages()),
                        workerHeapMegabytes, workerCpuSeconds);
                case MESSAGES_PENDING -> new SpawnLimits(c.withMessages(c.messagesPerTurn(), toInt(value)),
                        workerHeapMegabytes, workerCpuSeconds);
                case STORAGE_BYTES -> new SpawnLimits(c.withStorageBytes(value), workerHeapMegabytes, workerCpuSeconds);
                case WORKER_HEAP_MB -> new SpawnLimits(c, toInt(value), workerCpuSeconds);
                case WORKER_CPU_SECONDS -> new SpawnLimits(c, workerHeapMegabytes, value);
                default -> throw new IllegalArgumentException("no limit is called \"" + Spawning.printable(name)
                        + "\" (known: " + String.join(", ", NAMES) + ")");
            };
        } catch (IllegalArgumentException e) {
            if (!NAMES.contains(name)) {
                throw e;
            }
            throw new IllegalArgumentException(name + " = " + value + ": " + e.getMessage(), e);
        }
    }

    /**
     * These limits with each of {@code asked} set.
     *
     * @throws IllegalArgumentException naming the first limit that is unknown or out of range
     */
    public SpawnLimits with(Map<String, Long> asked) {
        SpawnLimits limits = this;
        for (Map.Entry<String, Long> e : asked.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("a limit's name and value must not be null");
            }
            limits = limits.with(e.getKey(), e.getValue());
        }
        return limits;
    }

    /** The value of the limit called {@code name}, one of {@link #NAMES}. */
    public long get(String name) {
        return switch (name) {
            case COMPUTRONS_TURN -> confined.perTurn();
            case COMPUTRONS_VAT -> confined.perVat();
            case MESSAGES_TURN -> confined.messagesPerTurn();
            case MESSAGES_PENDING -> confined.pendingMessages();
            case STORAGE_BYTES -> confined.storageBytes();
            case WORKER_HEAP_MB -> workerHeapMegabytes;
            case WORKER_CPU_SECONDS -> workerCpuSeconds;
            default -> throw new IllegalArgumentException("no limit is called \"" + Spawning.printable(name) + "\"");
        };
    }

    /** Every limit by name, in the order of {@link #NAMES}. */
    public Map<String, Long> asMap() {
        Map<String, Long> all = new LinkedHashMap<>();
        NAMES.forEach(name -> all.put(name, get(name)));
        return all;
    }

    /** The names of the limits in which these are higher than {@code maxima}, as {@code name N > M}; empty if none. */
    public List<String> above(SpawnLimits maxima) {
        List<String> above = new ArrayList<>();
        for (String name : NAMES) {
            if (get(name) > maxima.get(name)) {
                above.add(name + " " + get(name) + " > " + maxima.get(name));
            }
        }
        return above;
    }

    /** These limits with the heap and CPU time of {@code worker}, its CPU time rounded up to whole seconds. */
    public SpawnLimits withWorker(WorkerLimits worker) {
        long cpuSeconds = Math.max(1, (worker.cpu().toMillis() + 999) / 1000);
        return new SpawnLimits(confined, worker.heapMegabytes(), cpuSeconds);
    }

    /** A worker's CPU time. */
    public Duration workerCpu() {
        return Duration.ofSeconds(workerCpuSeconds);
    }

    private static int toInt(long value) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(value + " is beyond " + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
