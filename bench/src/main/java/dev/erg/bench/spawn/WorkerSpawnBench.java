package dev.erg.bench.spawn;

import dev.erg.confine.VatMaker;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.SpawnQuota;
import dev.erg.server.spawn.SpawnService;
import dev.erg.server.worker.WorkerLimits;
import dev.erg.server.worker.Workers;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Spawn latency in a worker process, and the round trip of a call into a worker's vat (not
 * JMH: each spawn starts a JVM). A vat maker spawns the root maker {@code counter} with
 * {@code inWorker}; a spawn is timed from the call to its answer, which comes once the worker
 * JVM has started, been reached over loopback TLS and made the root. The first spawn, untimed,
 * writes the workers' class-data sharing archive; every later one uses it. Spawns are timed
 * twice: each starting a new worker JVM, and each taking a spare worker started before it (the
 * vat-server's way), waiting for the spare between spawns. Then one worker's counter is called
 * one call at a time, through the supervisor's forwarder, as a remote peer would.
 *
 * <pre>
 * java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -cp bench/target/benchmarks.jar dev.erg.bench.spawn.WorkerSpawnBench [spawns] [calls]
 * </pre>
 */
public final class WorkerSpawnBench {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private WorkerSpawnBench() {
    }

    public static void main(String[] args) throws Exception {
        int spawns = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path archive = Files.createTempDirectory("erg-worker-cds").resolve("worker.jsa");
        WorkerLimits limits = WorkerLimits.defaults().withCdsArchive(archive);
        try (VatRuntime runtime = VatRuntime.create();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            Object counter;
            try (Workers cold = new Workers(node, limits)) {
                VatMaker maker = vatMaker(runtime, cold, spawns);
                long first = System.nanoTime();
                maker.spawnMaker("counter", List.of(), true).join(WAIT);
                System.out.printf("first spawn (writes the CDS archive): %.0f ms%n", (System.nanoTime() - first) / 1e6);
                report("spawn in a new worker (a JVM started per spawn)", spawnTimes(maker, spawns, () -> true), 1e6, "ms");
            }
            try (Workers spared = new Workers(node, limits.withSpare(true))) {
                VatMaker maker = vatMaker(runtime, spared, spawns);
                maker.spawnMaker("counter", List.of(), true).join(WAIT);
                report("spawn in a spare worker (started before the spawn)", spawnTimes(maker, spawns, spared::hasReadySpare),
                        1e6, "ms");
                counter = maker.spawnMaker("counter", List.of(), true).join(WAIT);
                for (int i = 0; i < calls; i++) {
                    Ref.send(counter, "increment", 1L).join(WAIT);
                }
                List<Long> callNanos = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    Ref.send(counter, "increment", 1L).join(WAIT);
                    callNanos.add(System.nanoTime() - start);
                }
                report("call round trip into a worker", callNanos, 1e3, "us");
            }
        }
    }

    private static VatMaker vatMaker(VatRuntime runtime, Workers workers, int spawns) {
        Vat home = runtime.newVat("vat-maker");
        return home.export(new SpawnService(home, RootMakers.load(), runtime::newVat, Optional.of(workers),
                Optional.empty(), new SpawnQuota(spawns + 2, 0), root -> ""), VatMaker.class);
    }

    /** Times {@code spawns} spawns in workers, each once {@code ready} says so; the workers stay, as served vats would. */
    private static List<Long> spawnTimes(VatMaker maker, int spawns, BooleanSupplier ready) throws InterruptedException {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < spawns; i++) {
            while (!ready.getAsBoolean()) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            maker.spawnMaker("counter", List.of(), true).join(WAIT);
            nanos.add(System.nanoTime() - start);
        }
        return nanos;
    }

    private static void report(String what, List<Long> nanos, double unit, String unitName) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: n=%d median %.1f %s, p10 %.1f, p90 %.1f, min %.1f, max %.1f%n", what, sorted.length,
                sorted[sorted.length / 2] / unit, unitName, sorted[sorted.length / 10] / unit,
                sorted[sorted.length * 9 / 10] / unit, sorted[0] / unit, sorted[sorted.length - 1] / unit);
        if (sorted.length <= 50) {
            System.out.println("  all, sorted (" + unitName + "): " + Arrays.toString(Arrays.stream(sorted)
                    .mapToObj(n -> String.format("%.0f", n / unit)).toArray()));
        }
    }
}
