package dev.erg.server.worker;

import dev.erg.vat.Passable;
import java.util.List;

/**
 * What one worker process is doing.
 *
 * @param id            its number, from 1, in the order the supervisor started them
 * @param pid           its process id, or -1 before it started
 * @param state         {@code starting}, {@code spare} (started, waiting for a spawn), {@code running} or {@code ended}
 * @param detail        why it ended (its exit status, or the limit it overran), or empty
 * @param vats          the vats it runs, as what they were spawned from ({@code maker NAME} or {@code bundle HASH})
 * @param heapMegabytes its heap limit
 * @param cpuMillis     the CPU time it has used since it was ready, in milliseconds
 * @param cpuLimitMillis the CPU time it may use, in milliseconds
 */
@Passable("erg.server.WorkerStatus")
public record WorkerStatus(int id, long pid, String state, String detail, List<String> vats, int heapMegabytes,
                           long cpuMillis, long cpuLimitMillis) {

    /** Copies the list. */
    public WorkerStatus {
        vats = List.copyOf(vats);
    }
}
