/*
 * Workload: the heap an idle vat costs. Creates 1,000,000 idle vats in one runtime (the
 * count may be given as an argument), then gives each an exported object, measuring the used
 * heap after forced full collections before and after each step; then shuts every vat down,
 * drops them, closes and drops the runtime, and prints how much of the heap is still held
 * at each of those points, so that a leak would show.
 * Not a JMH benchmark: run it as a plain program with a fixed heap (see bench/README.md):
 *   java -Xmx2g -cp bench/target/benchmarks.jar dev.erg.bench.VatFootprint [count] [--pekko]
 * Baseline: the target of under 1 KiB per idle vat. With `--pekko`, it also measures
 * as many idle Pekko typed actors (Behaviors.empty(), spawned by one parent) for comparison.
 */
package dev.erg.bench;

import dev.erg.bench.Receivers.CountingSink;
import dev.erg.bench.Receivers.Sink;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Measures bytes of heap per idle vat. */
public final class VatFootprint {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private VatFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int count = 1_000_000;
        boolean pekko = false;
        for (String arg : args) {
            if (arg.equals("--pekko")) {
                pekko = true;
            } else {
                count = Integer.parseInt(arg.replace("_", ""));
            }
        }
        System.out.printf("JDK %s, max heap %d MiB, %d vats%n",
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, count);
        measureVats(count);
        if (pekko) {
            measurePekko(count);
        }
    }

    private static void measureVats(int count) throws InterruptedException {
        VatRuntime runtime = VatRuntime.create();
        // A warm-up round, so that classes, proxy classes and caches exist before measuring.
        Vat warm = runtime.newVat("warm");
        warm.export(new CountingSink(), Sink.class);
        warm.shutdown();

        // The arrays that keep everything reachable, and the objects to export, are made
        // before the baseline, so that neither counts as the runtime's.
        Vat[] vats = new Vat[count];
        CountingSink[] objects = new CountingSink[count];
        Sink[] refs = new Sink[count];
        long empty = usedAfterGc();
        for (int i = 0; i < count; i++) {
            objects[i] = new CountingSink();
        }
        long baseline = usedAfterGc();
        System.out.printf("(an object to export, a CountingSink, is %.1f bytes: not counted below)%n",
                (double) (baseline - empty) / count);

        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            // One shared name: names need not be unique, and a distinct string per vat is the
            // application's cost, not the runtime's.
            vats[i] = runtime.newVat("idle");
        }
        long t1 = System.nanoTime();
        long withVats = usedAfterGc();
        report("bare vat", withVats - baseline, count, t1 - t0);

        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            refs[i] = vats[i].export(objects[i], Sink.class);
        }
        t1 = System.nanoTime();
        long withRefs = usedAfterGc();
        report("+ one exported reference", withRefs - withVats, count, t1 - t0);
        report("= vat with one exported object", withRefs - baseline, count, -1);

        t0 = System.nanoTime();
        for (Vat vat : vats) {
            vat.shutdown();
        }
        t1 = System.nanoTime();
        System.out.printf("shut down %,d vats in %,d ms; the runtime still counts %d vats%n",
                count, (t1 - t0) / 1_000_000, runtime.vatCount());
        long shutDown = settledUsed(0);
        System.out.printf("shut down, still referenced: %,d bytes above the baseline%n", shutDown - baseline);
        Arrays.fill(vats, null);
        Arrays.fill(refs, null);
        long released = settledUsed(baseline);
        System.out.printf("shut down and released:      %,d bytes above the baseline (%.2f bytes per vat)%n",
                released - baseline, (double) (released - baseline) / count);
        // What stays is the runtime's own: its registry of vats and its pool's queues keep the
        // capacity they grew to. Closing the runtime and dropping it gives that back.
        runtime.close();
        long closed = usedAfterGc();
        System.out.printf("runtime closed:              %,d bytes above the baseline%n", closed - baseline);
        runtime = null;
        long dropped = usedAfterGc();
        System.out.printf("runtime closed and dropped:  %,d bytes above the baseline%n", dropped - baseline);
        Reference.reachabilityFence(objects);
    }

    private static void measurePekko(int count) throws Exception {
        ActorRef<?>[] actors = new ActorRef<?>[count];
        CompletableFuture<Void> spawned = new CompletableFuture<>();
        ActorSystem<Integer> system = ActorSystem.create(Behaviors.<Integer>receive((ctx, n) -> {
            for (int i = 0; i < n; i++) {
                actors[i] = ctx.spawnAnonymous(Behaviors.<Object>empty());
            }
            spawned.complete(null);
            return Behaviors.same();
        }), "footprint");
        long baseline = usedAfterGc();
        long t0 = System.nanoTime();
        system.tell(count);
        spawned.get(300, TimeUnit.SECONDS);
        long t1 = System.nanoTime();
        long withActors = usedAfterGc();
        report("idle Pekko typed actor (Behaviors.empty)", withActors - baseline, count, t1 - t0);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(300, TimeUnit.SECONDS);
        Arrays.fill(actors, null);
        long released = settledUsed(baseline);
        System.out.printf("actor system terminated:     %,d bytes above the baseline%n", released - baseline);
    }

    private static void report(String what, long bytes, int count, long nanos) {
        if (nanos >= 0) {
            System.out.printf("%-48s %,8.1f bytes each (%,d bytes in all); made in %,.0f ns each%n",
                    what + ":", (double) bytes / count, bytes, (double) nanos / count);
        } else {
            System.out.printf("%-48s %,8.1f bytes each (%,d bytes in all)%n", what + ":", (double) bytes / count, bytes);
        }
    }

    /** Used heap after full collections, once it stops falling (queued shutdown work drains). */
    private static long settledUsed(long baseline) throws InterruptedException {
        long used = usedAfterGc();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(200);
            long again = usedAfterGc();
            if (again >= used - 4096 || again <= baseline) {
                return Math.min(used, again);
            }
            used = again;
        }
        return used;
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
