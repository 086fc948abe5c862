package dev.erg.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a vat's trace log keeps of what it records, and what it hands its sink. */
class TraceLogTest {

    @Test
    void theRingKeepsTheNewestEventsAndCountsAll() {
        Tracer tracer = Tracer.builder().capacity(2).seed(1).build();
        TraceLog log = tracer.newLog("v");
        TraceContext root = tracer.sampler().root();
        for (int i = 0; i < 5; i++) {
            log.record(TraceEvent.Kind.SEND, tracer.child(root), root.span(), 0, "m" + i);
        }
        assertThat(log.events()).extracting(TraceEvent::label).containsExactly("m3", "m4");
        assertThat(log.written()).isEqualTo(5);
    }

    /**
     * A log keeps what it records, not the contexts it was given: holding them would cost every
     * young collection the copying of a ring's worth of them.
     */
    @Test
    void theLogKeepsNoContextAlive() throws InterruptedException {
        Tracer tracer = Tracer.builder().seed(2).build();
        TraceLog log = tracer.newLog("v");
        TraceContext context = tracer.sampler().root();
        long span = context.span();
        log.record(TraceEvent.Kind.SEND, context, 0, 0, "m");
        WeakReference<TraceContext> recorded = new WeakReference<>(context);
        context = null;
        for (int i = 0; i < 50 && recorded.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(recorded.get()).isNull();
        assertThat(log.events()).singleElement().satisfies(e -> assertThat(e.context().span()).isEqualTo(span));
    }

    /**
     * Logs of random capacities, some far past the first slots the ring starts with, take random
     * events, ends and breaks, and are read now and then as they grow and wrap: each time they
     * keep exactly the newest of what was recorded, in order, field for field, and the sink has
     * had every event as it was recorded.
     */
    @Test
    void readAtAnyPointTheLogKeepsTheNewestEventsFieldForField() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            int capacity = 1 + random.nextInt(random.nextBoolean() ? 8 : 600);
            List<TraceEvent> sunk = new ArrayList<>();
            Tracer tracer = Tracer.builder().capacity(capacity).seed(random.nextLong()).sink(sunk::add).build();
            TraceLog log = tracer.newLog("v" + trial);
            List<TraceEvent> recorded = new ArrayList<>();
            int events = random.nextInt(3 * capacity + 2);
            for (int i = 0; i < events; i++) {
                recorded.add(recordOne(log, random, i));
                if (random.nextInt(50) == 0 || i == events - 1) {
                    List<TraceEvent> newest = recorded.subList(Math.max(0, recorded.size() - capacity), recorded.size());
                    List<TraceEvent> kept = log.events();
                    assertThat(kept).as("seed %d, trial %d, capacity %d, after %d events", seed, trial,
                            capacity, i + 1).containsExactlyElementsOf(newest);
                    // A context's equality leaves out its parent, which the log keeps too.
                    assertThat(kept).extracting(e -> e.context().parent()).as("seed %d", seed)
                            .containsExactlyElementsOf(newest.stream().map(e -> e.context().parent()).toList());
                }
            }
            assertThat(log.written()).as("seed %d", seed).isEqualTo(events);
            assertThat(sunk).as("seed %d", seed).containsExactlyElementsOf(recorded);
        }
    }

    /** Records one random event and returns what the log should give back for it. */
    private static TraceEvent recordOne(TraceLog log, Random random, int i) {
        // Any ids and flags a peer may send, a parent or none.
        TraceContext context = new TraceContext(random.nextLong(), random.nextLong() | 1, random.nextLong() | 1,
                (byte) random.nextInt(256), random.nextBoolean() ? 0 : random.nextLong());
        long parent = random.nextInt(3) == 0 ? 0 : random.nextLong();
        long cause = random.nextBoolean() ? 0 : random.nextLong();
        String vat = log.vat();
        return switch (random.nextInt(4)) {
            case 0 -> {
                log.ended(context, i);
                yield new TraceEvent(TraceEvent.Kind.END, vat, context, 0, 0, "", "", "", i);
            }
            case 1 -> {
                log.broke(context, parent, cause, "Unavailable", "cut " + i);
                yield new TraceEvent(TraceEvent.Kind.BREAK, vat, context, parent, cause, "", "Unavailable", "cut " + i, 0);
            }
            default -> {
                TraceEvent.Kind kind = random.nextBoolean() ? TraceEvent.Kind.SEND : TraceEvent.Kind.FULFILL;
                log.record(kind, context, parent, cause, "m" + i);
                yield new TraceEvent(kind, vat, context, parent, cause, "m" + i, "", "", 0);
            }
        };
    }
}
