package dev.erg.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.transparency.Describe;
import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Outcome;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import dev.erg.transparency.World;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The master/worker job with the master and three workers as four vats: in one JVM, each
 * behind its own node over TLS, and on the deterministic scheduler. Once the second worker has
 * counted a range, the master has its vat cut off the network, as the sample kills its process;
 * over TLS the master loses it and has its ranges counted by the others, in one JVM there is
 * nothing to cut and it answers. The total is exact either way.
 */
class WorkersTransparencyTest {

    private static final List<Range> RANGES = Range.split(2_000_000, 12);
    private static final long PRIMES = 148_933;
    private static final String STORY = "story";
    private static final String LOSS = "loss";
    private static final String VICTIM = "worker-2";

    /** Counts primes in its vat's turns. */
    static final class Sieve implements PrimeWorker {
        @Override
        public Promise<Long> countPrimes(long from, long to) {
            return Promise.of(PrimeSieve.count(from, to));
        }
    }

    /** The victim's network cable, which the master pulls as the sample kills the victim's process. */
    public interface Cable {
        /** Cuts the victim's vat off the network; nobody waits for an answer. */
        void pull();
    }

    /**
     * The victim: answers its first range at once, and every later one only once its cable is
     * pulled and the cut is done. Over TLS those answers never leave, and the first one has
     * reached the master before the master pulls the cable, so what the victim counted does
     * not hang on how fast its node closes.
     */
    static final class Severed implements PrimeWorker {
        private final World world;
        private final String name;
        private int asked;
        private Deferred<Void> cut;

        Severed(World world, String name) {
            this.world = world;
            this.name = name;
        }

        private Deferred<Void> cut() {
            if (cut == null) {
                cut = Promise.defer();
            }
            return cut;
        }

        @Override
        public Promise<Long> countPrimes(long from, long to) {
            if (++asked == 1) {
                return Promise.of(PrimeSieve.count(from, to));
            }
            return cut().promise().then(done -> PrimeSieve.count(from, to));
        }

        /** Pulls this worker's cable (see {@link Cable#pull}). */
        void pull() {
            Deferred<Void> held = cut();
            world.cut(name).then(done -> {
                held.resolver().resolve(null);
                return done;
            });
        }
    }

    private static final Scenario JOB = Scenario.of("workers: a job that loses a worker midway", (w, out) -> {
        Map<String, PrimeWorker> workers = new LinkedHashMap<>();
        workers.put("worker-1", w.share("worker-1", new Sieve(), PrimeWorker.class, "master"));
        Severed victim = new Severed(w, VICTIM);
        workers.put(VICTIM, w.share(VICTIM, victim, PrimeWorker.class, "master"));
        workers.put("worker-3", w.share("worker-3", new Sieve(), PrimeWorker.class, "master"));
        // A cable of its own, not the worker exported again as a Cable: over TLS that would
        // designate the worker's first export, which has no pull().
        Cable cable = w.share(VICTIM, victim::pull, Cable.class, "master");
        Vat master = w.vat("master");
        return master.callPromise(() -> Master.run(master, workers, RANGES, 2, narrate(out, cable)).then(result -> {
            out.add(STORY, "primes " + result.primes());
            out.add(STORY, "ranges counted " + result.counted().values().stream().mapToInt(Integer::intValue).sum());
            out.add(LOSS, "lost " + result.lost());
            return result.primes();
        }));
    });

    /**
     * Pulls the victim's cable once it has counted a range, and records each loss and the first
     * range that goes back: the second the victim was sent, which it holds until the cut. The ranges it was sent after its first answer, and which workers
     * counted which, hang on how fast the others answered, and are not recorded.
     */
    private static Consumer<JobEvent> narrate(Outcome out, Cable cable) {
        boolean[] pulled = {false};
        boolean[] reassigned = {false};
        return event -> {
            switch (event) {
                case JobEvent.Assigned assigned -> {
                    // Which worker gets which range hangs on thread timing.
                }
                case JobEvent.Counted counted -> {
                    if (counted.worker().equals(VICTIM) && !pulled[0]) {
                        pulled[0] = true;
                        cable.pull();
                    }
                }
                case JobEvent.WorkerLost lost -> out.add(LOSS, lost.worker() + " lost: " + Describe.problem(lost.problem()));
                case JobEvent.Reassigned again -> {
                    if (!reassigned[0]) {
                        reassigned[0] = true;
                        out.add(LOSS, again.range() + " goes back in the queue (" + again.worker() + " did not finish it)");
                    }
                }
            }
        };
    }

    @Test
    void theTotalIsExactWhetherTheCutWorkerIsLostOrNot() {
        Scenario job = JOB.stating(Mode.TLS, LOSS, List.of(
                        VICTIM + " lost: broken Unavailable: *",
                        RANGES.get(3) + " goes back in the queue (" + VICTIM + " did not finish it)",
                        "lost [" + VICTIM + "]"),
                "only a network can be cut: over TLS the worker's reference breaks and its ranges go to the others,"
                        + " where in one JVM the cut changes nothing and it answers them");
        try (Harness harness = new Harness(List.of(job))) {
            Verdict verdict = harness.check(job);

            for (Mode mode : List.of(Mode.LOCAL, Mode.TLS)) {
                assertThat(verdict.outcomes().get(mode).lines(STORY)).as(mode.toString())
                        .containsExactly("primes " + PRIMES, "ranges counted " + RANGES.size());
            }
            assertThat(verdict.outcomes().get(Mode.LOCAL).lines(LOSS)).containsExactly("lost []");
            assertThat(verdict.outcomes().get(Mode.TLS).lines(LOSS)).first().asString()
                    .startsWith(VICTIM + " lost: broken Unavailable");
            Transparency.require(verdict);
        }
    }
}
