package dev.erg.samples.workers;

import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Master/worker across processes: {@value #WORKERS} vat-servers each host a
 * {@link PrimeWorker}, and a {@link Master} in this process counts the primes below two
 * billion with them, in {@value #RANGES} ranges. When the second worker has answered its first
 * range, its process is killed with SIGKILL; the master notices through the broken reference,
 * gives what it was counting to the others, and the total is still exact.
 *
 * <p>Run it: {@code samples/run workers}
 */
public final class PrimeCount {

    /** Primes are counted below this number. */
    public static final long LIMIT = 2_000_000_000L;

    /** The number of primes below {@link #LIMIT}, as published (OEIS A006880). */
    public static final long KNOWN = 98_222_287L;

    static final int WORKERS = 3;
    static final int RANGES = 20;
    static final int WINDOW = 2;

    private PrimeCount() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-workers")) {
            run(System.out, workspace.path());
        }
    }

    /**
     * Runs the job with the workers' data directories under {@code dir}, printing what happens
     * to {@code out}, and kills the second worker after its first answer.
     */
    public static JobResult run(PrintStream out, Path dir) throws IOException, InterruptedException {
        List<ServerProcess> servers = startWorkers(dir);
        try (VatRuntime runtime = VatRuntime.create();
             Peer peer = Peer.start(runtime, List.of())) {
            Map<String, PrimeWorker> workers = new LinkedHashMap<>();
            for (ServerProcess server : servers) {
                workers.put(server.name(), peer.connect(server.sturdyRef(), PrimeWorker.class));
                out.printf("%s (pid %d) is ready: %s%n", server.name(), server.pid(), server.sturdyRef());
            }
            ServerProcess victim = servers.get(1);
            Vat master = runtime.newVat("master");
            JobResult result = Master.run(master, workers, Range.split(LIMIT, RANGES), WINDOW, narrate(out, victim))
                    .join(Duration.ofMinutes(5));

            out.printf("Primes below %,d: %,d (published: %,d). Ranges counted: %s; reassigned after losing %s: %s.%n",
                    LIMIT, result.primes(), KNOWN, new TreeMap<>(result.counted()), String.join(", ", result.lost()),
                    result.reassigned());
            for (ServerProcess server : servers) {
                if (server.isAlive()) {
                    out.printf("%s stops on SIGTERM: exit status %d.%n", server.name(), server.stop());
                }
            }
            return result;
        } finally {
            servers.forEach(ServerProcess::close);
        }
    }

    /** Prints each event but the assignments, and kills {@code victim} once it has counted a range. */
    private static Consumer<JobEvent> narrate(PrintStream out, ServerProcess victim) {
        AtomicBoolean killed = new AtomicBoolean();
        return event -> {
            switch (event) {
                case JobEvent.Assigned assigned -> {
                    // Every range is assigned once at least; the story is in what follows.
                }
                case JobEvent.Counted c -> {
                    out.printf("%s counted %,d primes in %s%n", c.worker(), c.primes(), c.range());
                    if (c.worker().equals(victim.name()) && killed.compareAndSet(false, true)) {
                        victim.kill();
                        out.printf("SIGKILL to %s (pid %d), which is counting its next ranges%n", victim.name(),
                                victim.pid());
                    }
                }
                case JobEvent.WorkerLost l -> out.printf("%s lost: %s%n", l.worker(), l.problem());
                case JobEvent.Reassigned r -> out.printf("%s goes back in the queue (%s did not finish it)%n",
                        r.range(), r.worker());
            }
        };
    }

    /** Starts the workers side by side; if one fails to start, stops those that did. */
    private static List<ServerProcess> startWorkers(Path dir) throws IOException, InterruptedException {
        List<Future<ServerProcess>> starting = new ArrayList<>();
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= WORKERS; i++) {
                String name = "worker-" + i;
                starting.add(starters.submit(() -> ServerProcess.start(name, dir.resolve(name), "worker", "prime-worker")));
            }
        }
        List<ServerProcess> started = new ArrayList<>();
        IOException failure = null;
        for (Future<ServerProcess> future : starting) {
            try {
                started.add(future.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        if (failure != null) {
            started.forEach(ServerProcess::close);
            throw failure;
        }
        return started;
    }
}
