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
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The master/worker job with the master and three workers as four vats: in one JVM, each
 * behind its own node over TLS, and on the deterministic scheduler. The second worker cuts its
 * own vat off the network when it is asked for its second range, as the sample kills its
 * process; over TLS the master loses it and has its ranges counted by the others, in one JVM
 * there is nothing to cut and it answers. The total is exact either way.
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

    /**
     * Answers its first range; asked for another, cuts its vat off the network and answers
     * that range, and every later one, only once the cut is done: over TLS those answers never
     * leave, so which ranges it counted does not hang on how fast the node closes.
     */
    static final class Severed implements PrimeWorker {
        private final World world;
        private final String name;
        private int asked;
        private Promise<Void> cut;

        Severed(World world, String name) {
            this.world = world;
            this.name = name;
        }

        @Override
        public Promise<Long> countPrimes(long from, long to) {
            if (++asked == 1) {
                return Promise.of(PrimeSieve.count(from, to));
            }
            if (cut == null) {
                cut = world.cut(name);
            }
            return cut.then(done -> PrimeSieve.count(from, to));
        }
    }

    private static final Scenario JOB = Scenario.of("workers: a job that loses a worker midway", (w, out) -> {
        Map<String, PrimeWorker> workers = new LinkedHashMap<>();
        workers.put("worker-1", w.share("worker-1", new Sieve(), PrimeWorker.class, "master"));
        workers.put(VICTIM, w.share(VICTIM, new Severed(w, VICTIM), PrimeWorker.class, "master"));
        workers.put("worker-3", w.share("worker-3", new Sieve(), PrimeWorker.class, "master"));
        Vat master = w.vat("master");
        return master.callPromise(() -> Master.run(master, workers, RANGES, 2, narrate(out)).then(result -> {
            out.add(STORY, "primes " + result.primes());
            out.add(STORY, "ranges counted " + result.counted().values().stream().mapToInt(Integer::intValue).sum());
            out.add(LOSS, "lost " + result.lost());
            return result.primes();
        }));
    });

    /**
     * Records each loss, and the first range that goes back: the one the victim was asked for
     * when it cut itself off. The ranges it was sent after its first answer, and which workers
     * counted which, hang on how fast the others answered, and are not recorded.
     */
    private static Consumer<JobEvent> narrate(Outcome out) {
        boolean[] reassigned = {false};
        return event -> {
            switch (event) {
                case JobEvent.Assigned assigned -> {
                    // Which worker gets which range hangs on thread timing.
                }
                case JobEvent.Counted counted -> {
                    // Likewise.
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
