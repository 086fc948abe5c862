package dev.erg.server.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One worker process that {@link Workers} started and supervises, and the control object it offers. */
public final class Worker {

    private final int id;
    private final Process process;
    private final WorkerControl control;
    private final CompletableFuture<WorkerStatus> ended = new CompletableFuture<>();
    private final Duration startCpu;
    private final int heapMegabytes;
    private volatile Duration cpuLimit;
    private volatile String killedFor;
    private volatile List<String> vats = List.of();

    Worker(int id, Process process, WorkerControl control, int heapMegabytes, Duration cpuLimit) {
        this.id = id;
        this.process = process;
        this.control = control;
        this.heapMegabytes = heapMegabytes;
        this.cpuLimit = cpuLimit;
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

    /** Its heap limit, in megabytes. */
    public int heapMegabytes() {
        return heapMegabytes;
    }

    /** The CPU time it may use once started; it is killed when it uses more. */
    public Duration cpuLimit() {
        return cpuLimit;
    }

    /** Gives it {@code cpu} of CPU time in all, instead of what it was started with; answers it. */
    Worker limitCpu(Duration cpu) {
        this.cpuLimit = cpu;
        return this;
    }

    /** Records that it runs the vat spawned from {@code what} ({@code maker NAME}, {@code bundle HASH}), for its status. */
    public void runs(String what) {
        vats = List.of(what);
    }

    /** What it is doing now. */
    public WorkerStatus status() {
        return ended.isDone() ? ended.join() : snapshot(vats.isEmpty() ? "spare" : "running", "");
    }

    private WorkerStatus snapshot(String state, String detail) {
        return new WorkerStatus(id, pid(), state, detail, vats, heapMegabytes, cpuUsed().toMillis(), cpuLimit.toMillis());
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

    /** Its final status, once the process exited with {@code exitStatus}. */
    WorkerStatus exited(int exitStatus) {
        String why = killedFor != null ? "killed: " + killedFor : "exited with status " + exitStatus;
        return snapshot("ended", why);
    }

    /** Completes {@link #ended()} with {@code status}, which {@link #exited} made. */
    void reportEnded(WorkerStatus status) {
        ended.complete(status);
    }

    @Override
    public String toString() {
        return "worker " + id + " (pid " + pid() + ")";
    }
}
