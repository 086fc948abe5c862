package dev.erg.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The master with workers in vats of this JVM, on a deterministic scheduler: a worker is lost
 * by shutting its vat down, and each seed orders the turns differently.
 */
class MasterTest {

    private static final List<Range> RANGES = Range.split(2_000_000, 12);
    private static final long PRIMES = 148_933;

    private DeterministicScheduler scheduler;
    private VatRuntime runtime;
    private final List<JobEvent> events = new ArrayList<>();

    private void start(long seed) {
        scheduler = new DeterministicScheduler(seed);
        runtime = VatRuntime.builder().scheduler(scheduler).build();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private <T> T settle(Promise<T> promise) {
        scheduler.runUntilIdle();
        return promise.join(Duration.ZERO);
    }

    private Promise<JobResult> run(Map<String, PrimeWorker> workers, int window) {
        return Master.run(runtime.newVat("master"), workers, RANGES, window, events::add);
    }

    private PrimeWorker worker(String name) {
        return runtime.newVat(name).export((from, to) -> Promise.of(PrimeSieve.count(from, to)), PrimeWorker.class);
    }

    /** A worker whose vat shuts down when it is asked for its second range, leaving that unanswered. */
    private PrimeWorker fragile(String name) {
        Vat vat = runtime.newVat(name);
        int[] asked = {0};
        return vat.export((from, to) -> {
            if (++asked[0] == 2) {
                vat.shutdown();
                return Promise.<Long>defer().promise();
            }
            return Promise.of(PrimeSieve.count(from, to));
        }, PrimeWorker.class);
    }

    @Test
    void countsEveryRangeOnce() {
        start(1);
        Map<String, PrimeWorker> workers = new LinkedHashMap<>();
        workers.put("a", worker("a"));
        workers.put("b", worker("b"));
        JobResult result = settle(run(workers, 2));
        assertThat(result.primes()).isEqualTo(PRIMES);
        assertThat(result.lost()).isEmpty();
        assertThat(result.reassigned()).isEmpty();
        assertThat(events).filteredOn(JobEvent.Assigned.class::isInstance).hasSize(RANGES.size());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aLostWorkersRangesAreCountedByTheOthers(long seed) {
        start(seed);
        Map<String, PrimeWorker> workers = new LinkedHashMap<>();
        workers.put("a", worker("a"));
        workers.put("b", fragile("b"));
        workers.put("c", worker("c"));
        JobResult result = settle(run(workers, 2));

        assertThat(result.primes()).isEqualTo(PRIMES);
        assertThat(result.lost()).containsExactly("b");
        // b was sent ranges 2 and 3 at the start, and was lost with the second unanswered.
        assertThat(result.reassigned()).contains(RANGES.get(3));
        assertThat(result.counted().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RANGES.size());

        int lost = indexOf(JobEvent.WorkerLost.class);
        assertThat(events.get(lost)).isInstanceOfSatisfying(JobEvent.WorkerLost.class,
                event -> assertThat(event.problem().kind()).isEqualTo(Problem.VAT_SHUT_DOWN));
        assertThat(events.subList(lost + 1, events.size()))
                .as("what b was counting goes back at once, and b is sent nothing more")
                .startsWith(new JobEvent.Reassigned(result.reassigned().getFirst(), "b"))
                .filteredOn(JobEvent.Assigned.class::isInstance)
                .extracting(event -> ((JobEvent.Assigned) event).worker())
                .doesNotContain("b");
    }

    @Test
    void aRefusedRangeFailsTheJob() {
        start(1);
        Map<String, PrimeWorker> workers = Map.of("a", runtime.newVat("a").export((from, to) -> {
            throw new ProblemException(Problem.of("BadRange", "no"));
        }, PrimeWorker.class));
        Promise<JobResult> job = run(workers, 1);
        assertThatThrownBy(() -> settle(job)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.of("BadRange", "a, counting %s: no", RANGES.get(0))));
    }

    @Test
    void losingEveryWorkerFailsTheJob() {
        start(1);
        Promise<JobResult> job = run(Map.of("b", fragile("b")), 2);
        assertThatThrownBy(() -> settle(job)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().kind()).isEqualTo("NoWorkers");
            assertThat(e.problem().message()).startsWith("every worker was lost");
        });
    }

    private int indexOf(Class<? extends JobEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + events);
    }
}
