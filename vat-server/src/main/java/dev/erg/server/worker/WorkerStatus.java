package dev.erg.server.worker;

/**
 * What one worker process is doing.
 *
 * @param id     its number, from 1, in the order the supervisor started them
 * @param pid    its process id, or -1 before it started
 * @param state  {@code starting}, {@code running} or {@code ended}
 * @param detail why it ended (its exit status, or the limit it overran), or empty
 */
public record WorkerStatus(int id, long pid, String state, String detail) {
}
