package dev.erg.server.worker;

import dev.erg.captp.SturdyRef;
import dev.erg.confine.VatMaker;
import dev.erg.net.Node;
import dev.erg.server.JavaProcess;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and supervises worker processes: JVMs on this one's class path running
 * {@link WorkerMain}, each with a heap limit ({@link WorkerLimits}'s unless a start asks for
 * another) and watched for the CPU time it uses once started, which the supervisor checks ten
 * times a second and answers with SIGKILL when it is over its limit. The supervisor talks to
 * each worker over CapTP on loopback, through {@code node}, as to any vat: TLS with the
 * worker's key pinned by the vat id in the sturdy ref it printed. When a worker ends, however it
 * ends, a line is logged, its status says why, and its end is reported, so that the references
 * peers hold into its vat break with {@code VatShutDown} and the reason. Thread-safe.
 */
public final class Workers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private static final long WATCH_MILLIS = 100;
    private static final int ENDED_KEPT = 100;

    private final Node node;
    private final WorkerLimits limits;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, Worker> live = new ConcurrentHashMap<>();
    private final Deque<WorkerStatus> ended = new ArrayDeque<>();
    private final ScheduledExecutorService watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private CompletableFuture<Worker> spare;

    /**
     * Supervises workers reached through {@code node}, each limited by {@code limits}; starts
     * the first spare at once if the limits keep one.
     */
    public Workers(Node node, WorkerLimits limits) {
        this.node = node;
        this.limits = limits;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("erg-worker-watchdog").factory());
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        if (limits.spare()) {
            synchronized (this) {
                spare = launchAsync(limits.heapMegabytes(), limits.cpu());
            }
        }
    }

    /** The limits each worker has. */
    public WorkerLimits limits() {
        return limits;
    }

    /**
     * Starts a worker with the limits' heap and CPU time; completes with it once its control
     * object is reached, or with a {@link ProblemException} of kind
     * {@value VatMaker#SPAWN_FAILED} saying why it did not start (it is then killed). Never
     * blocks the caller, so it may be called in a vat's turn. With {@link WorkerLimits#spare()},
     * answers the spare worker and starts the next spare.
     */
    public CompletableFuture<Worker> start() {
        return start(limits.heapMegabytes(), limits.cpu());
    }

    /**
     * Like {@link #start()}, with a heap of {@code heapMegabytes} and {@code cpu} of CPU time.
     * The spare, started with the limits' heap, is taken only by a start that asks for that heap.
     */
    public CompletableFuture<Worker> start(int heapMegabytes, Duration cpu) {
        if (heapMegabytes != limits.heapMegabytes()) {
            return closed.get() ? CompletableFuture.failedFuture(failed("the server is stopping"))
                    : launchAsync(heapMegabytes, cpu);
        }
        CompletableFuture<Worker> taken;
        synchronized (this) {
            if (closed.get()) {
                return CompletableFuture.failedFuture(failed("the server is stopping"));
            }
            taken = spare;
            spare = limits.spare() ? launchAsync(limits.heapMegabytes(), limits.cpu()) : null;
        }
        // A spare that failed to start is no reason to fail: start another.
        return taken == null ? launchAsync(heapMegabytes, cpu)
                : taken.thenApply(worker -> worker.limitCpu(cpu))
                        .exceptionallyCompose(e -> launchAsync(heapMegabytes, cpu));
    }

    /** Whether a spare worker has started and waits for the next {@link #start}. */
    public synchronized boolean hasReadySpare() {
        return spare != null && spare.isDone() && !spare.isCompletedExceptionally();
    }

    private CompletableFuture<Worker> launchAsync(int heapMegabytes, Duration cpu) {
        CompletableFuture<Worker> result = new CompletableFuture<>();
        int id = ids.incrementAndGet();
        Thread.ofVirtual().name("erg-worker-start-" + id).start(() -> {
            try {
                result.complete(launch(id, heapMegabytes, cpu));
            } catch (ProblemException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The workers running, and those that ended most recently, by number. */
    public List<WorkerStatus> statuses() {
        List<WorkerStatus> all = new ArrayList<>();
        synchronized (ended) {
            live.values().forEach(w -> all.add(w.status()));
            all.addAll(ended);
        }
        all.sort(Comparator.comparingInt(WorkerStatus::id));
        return all;
    }

    /** Kills every worker. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watchdog.shutdownNow();
        live.values().forEach(w -> w.kill("the server is stopping"));
    }

    private Worker launch(int id, int heapMegabytes, Duration cpu) {
        Process process;
        try {
            process = new ProcessBuilder(command(heapMegabytes)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw failed("worker %d cannot be started: %s", id, e.getMessage());
        }
        try {
            String line = readyLine(process).get(limits.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            SturdyRef ref = SturdyRef.parse(line.substring(WorkerMain.READY.length()));
            WorkerControl control = node.connect(ref, WorkerControl.class).join(limits.startTimeout());
            Worker worker = new Worker(id, process, control, heapMegabytes, cpu);
            live.put(id, worker);
            process.onExit().thenAccept(done -> ended(worker, done.exitValue()));
            if (closed.get()) {
                worker.kill("the server is stopping");
            }
            LOG.info("{} started", worker);
            return worker;
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw failed("worker %d did not start within %d ms", id, limits.startTimeout().toMillis());
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw failed("worker %d did not start: %s", id, e.getCause().getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failed("interrupted while starting worker %d", id);
        } catch (RuntimeException e) {
            // A bad ready line, a connection refused or not made in time.
            process.destroyForcibly();
            throw failed("worker %d did not start: %s", id, e instanceof ProblemException p ? p.problem() : e);
        }
    }

    /** The first line the worker prints that names its control object; the rest of its stdout is drained. */
    private static CompletableFuture<String> readyLine(Process process) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("erg-worker-stdout-" + process.pid()).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!ready.isDone() && line.startsWith(WorkerMain.READY)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // The process is gone.
            }
            if (!ready.isDone()) {
                String status = process.isAlive() ? "closed its output" : "exited with status " + process.exitValue();
                ready.completeExceptionally(new IOException("it " + status + " before it was ready"));
            }
        });
        return ready;
    }

    private List<String> command(int heapMegabytes) {
        List<String> options = new ArrayList<>(List.of(
                "-Xmx" + heapMegabytes + "m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
        limits.cdsArchive().ifPresent(archive -> options.addAll(List.of("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:aot=off")));
        return JavaProcess.command(options, WorkerMain.class);
    }

    private void watch() {
        for (Worker worker : live.values()) {
            Duration used = worker.cpuUsed();
            Duration limit = worker.cpuLimit();
            if (used.compareTo(limit) > 0) {
                worker.kill(String.format("over its CPU limit of %.1f s (used %.1f s)",
                        limit.toMillis() / 1000.0, used.toMillis() / 1000.0));
            }
        }
    }

    private void ended(Worker worker, int exitStatus) {
        WorkerStatus status = worker.exited(exitStatus);
        synchronized (ended) {
            live.remove(worker.id());
            ended.addLast(status);
            if (ended.size() > ENDED_KEPT) {
                ended.removeFirst();
            }
        }
        // Only now, so that whoever hears of the end (a spawned vat's references breaking, say)
        // finds the worker among the ended.
        worker.reportEnded(status);
        if (closed.get()) {
            LOG.info("{} stopped", worker);
        } else {
            LOG.warn("{} ended: {}; references into it are broken", worker, status.detail());
        }
    }

    private static ProblemException failed(String format, Object... args) {
        return new ProblemException(Problem.of(VatMaker.SPAWN_FAILED, format, args));
    }
}
