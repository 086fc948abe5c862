package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random programs of sends, resolutions, forwardings and breaks over several vats, run on the
 * deterministic scheduler. For every seed: messages sent by one vat through one reference
 * arrive in the order sent (directly, or queued in a promise and delivered once it
 * resolves), and every answer promise is settled once all resolvers have been used.
 *
 * <p>Replay one seed with {@code -Derg.seed=N}; run more with {@code -Derg.seeds=N}.
 */
class EOrderSimulationTest {

    /** Records who sent what through which reference. */
    public interface Log {
        Promise<Long> record(String reference, long sequence);
    }

    static final class Recorder implements Log {
        final Map<String, List<Long>> received = new HashMap<>();

        @Override
        public Promise<Long> record(String reference, long sequence) {
            received.computeIfAbsent(reference, k -> new ArrayList<>()).add(sequence);
            return Promise.of(sequence);
        }
    }

    @Test
    void messagesThroughOneReferenceArriveInOrderAndEveryAnswerSettles() {
        Seeds.forEach("E-order simulation", 300, EOrderSimulationTest::simulate);
    }

    private static void simulate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Sim sim = new Sim(seed)) {
            int vatCount = 2 + random.nextInt(4);
            List<Vat> vats = new ArrayList<>();
            List<Recorder> recorders = new ArrayList<>();
            List<Log> refs = new ArrayList<>();
            for (int i = 0; i < vatCount; i++) {
                Vat vat = sim.vat("v" + i);
                Recorder recorder = new Recorder();
                vats.add(vat);
                recorders.add(recorder);
                refs.add(vat.export(recorder, Log.class));
            }
            List<Deferred<Log>> deferreds = new ArrayList<>();
            List<Boolean> used = new ArrayList<>();
            Map<String, Long> nextSequence = new HashMap<>();
            List<Promise<Long>> answers = new ArrayList<>();

            int steps = 50 + random.nextInt(200);
            for (int step = 0; step < steps; step++) {
                int op = random.nextInt(10);
                if (op < 5) {
                    Vat sender = vats.get(random.nextInt(vats.size()));
                    int r = random.nextInt(refs.size());
                    Log target = refs.get(r);
                    String key = sender.name() + "->ref" + r;
                    sender.run(() -> {
                        long sequence = nextSequence.merge(key, 1L, Long::sum);
                        answers.add(target.record(key, sequence));
                    });
                } else if (op < 7) {
                    Deferred<Log> d = Promise.defer();
                    deferreds.add(d);
                    used.add(false);
                    refs.add(d.promise().as(Log.class));
                } else if (op < 9 && !deferreds.isEmpty()) {
                    int i = random.nextInt(deferreds.size());
                    if (!used.get(i)) {
                        used.set(i, true);
                        settleRandomly(deferreds.get(i), random, refs, deferreds, vatCount);
                    }
                } else {
                    for (int k = random.nextInt(20); k > 0 && sim.scheduler.step(); k--) {
                        // interleave turns with the program's own actions
                    }
                }
            }
            for (int i = 0; i < deferreds.size(); i++) {
                if (!used.get(i)) {
                    deferreds.get(i).resolver().resolve(refs.get(random.nextInt(vatCount)));
                }
            }
            sim.scheduler.runUntilIdle();

            for (Promise<Long> answer : answers) {
                assertThat(answer.isSettled()).as("answer settled").isTrue();
            }
            for (Recorder recorder : recorders) {
                recorder.received.forEach((key, sequences) ->
                        assertThat(sequences).as("sequences through " + key).isSorted().doesNotHaveDuplicates());
            }
            long delivered = recorders.stream().mapToLong(r -> r.received.values().stream().mapToLong(List::size).sum()).sum();
            long fulfilled = answers.stream().filter(Promise::isFulfilled).count();
            assertThat(delivered).as("each fulfilled answer was delivered exactly once").isEqualTo(fulfilled);
            for (Promise<Long> answer : answers) {
                if (answer.isFulfilled()) {
                    assertThat(answer.join(Duration.ZERO)).isPositive();
                }
            }
        }
    }

    /** Resolves to a recorder, forwards to another promise (maybe a cycle), or breaks. */
    private static void settleRandomly(Deferred<Log> d, SplittableRandom random, List<Log> refs,
                                       List<Deferred<Log>> deferreds, int vatCount) {
        int how = random.nextInt(4);
        if (how == 0) {
            d.resolver().reject(new Problem("Test", "broken on purpose"));
        } else if (how == 1) {
            d.resolver().forward(deferreds.get(random.nextInt(deferreds.size())).promise());
        } else {
            d.resolver().resolve(refs.get(random.nextInt(vatCount)));
        }
    }
}
