package dev.erg.server.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One worker process that {@link Workers} started and supervises, and the control object it offers. */
public final class Worker {

    private final int id;
    private final Process process;
    private final WorkerControl control;
    private final CompletableFuture<WorkerStatus> ended = new CompletableFuture<>();
    private final Duration startCpu;
    private volatile String killedFor;

    Worker(int id, Process process, WorkerControl control) {
        this.id = id;
        this.process = process;
        this.control = control;
        this.startCpu = totalCpu();
    }

    /** Its number, from 1. */
    public int id() {
        return id;
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    /** A reference to its control object, which breaks with {@code Unavailable} once the worker is gone. */
    public WorkerControl control() {
        return control;
    }

    /** What it is doing now. */
    public WorkerStatus status() {
        return ended.isDone() ? ended.join() : new WorkerStatus(id, pid(), "running", "");
    }

    /** Completed with its final status once its process has ended, however it ended. */
    public CompletableFuture<WorkerStatus> ended() {
        return ended.copy();
    }

    /** Ends the process at once (SIGKILL); {@code why} is reported as the cause. Idempotent. */
    public void kill(String why) {
        if (killedFor == null) {
            killedFor = why;
        }
        process.destroyForcibly();
    }

    /**
     * The CPU time the process has used since it was ready, as far as the operating system
     * tells: the work of its vats, not the JVM's start.
     */
    Duration cpuUsed() {
        return totalCpu().minus(startCpu);
    }

    private Duration totalCpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    Process process() {
        return process;
    }

    /** Records the end of the process, which exited with {@code exitStatus}; answers the final status. */
    WorkerStatus exited(int exitStatus) {
        String why = killedFor != null ? "killed: " + killedFor : "exited with status " + exitStatus;
        WorkerStatus status = new WorkerStatus(id, pid(), "ended", why);
        ended.complete(status);
        return ended.join();
    }

    @Override
    public String toString() {
        return "worker " + id + " (pid " + pid() + ")";
    }
}
