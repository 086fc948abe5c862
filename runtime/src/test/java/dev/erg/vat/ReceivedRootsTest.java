package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.trace.Sampler;
import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.Tracer;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.Vats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A message from a peer that carries no context may start a trace: whether it does is drawn
 * once for the message, however many sends and turns its delivery makes.
 */
class ReceivedRootsTest {

    /** Counts what it is told. */
    public interface Tally {
        Promise<Integer> count();
    }

    private record Counting(AtomicInteger counted) implements Tally {
        @Override
        public Promise<Integer> count() {
            return Promise.of(counted.incrementAndGet());
        }
    }

    /** The roots a tracer of {@code seed} and {@code rate} starts in its first {@code draws} draws. */
    private static List<TraceContext> rootsOf(long seed, double rate, int draws) {
        Sampler probe = Tracer.builder().seed(seed).sampleRate(rate).build().sampler();
        List<TraceContext> roots = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            TraceContext root = probe.root();
            if (root != null) {
                roots.add(root);
            }
        }
        return roots;
    }

    @Test
    void eachMessageReceivedWithoutAContextDrawsOnce() {
        long seed = new SplittableRandom().nextLong();
        double rate = 0.3;
        int messages = 300;
        Tracer tracer = Tracer.builder().seed(seed).sampleRate(rate).build();
        AtomicInteger counted = new AtomicInteger();
        DeterministicScheduler scheduler = new DeterministicScheduler(seed);
        List<TraceEvent> events;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Vat vat = runtime.newVat("bank");
            Tally tally = vat.export(new Counting(counted), Tally.class);
            for (int i = 0; i < messages; i++) {
                // As the network layer delivers a peer's message: a call, or a send-only message.
                if (i % 2 == 0) {
                    Vats.receive(vat, null, target -> Ref.send(target, "count"), tally);
                } else {
                    Vats.receive(vat, null, target -> Refs.sendOnly(target, "count"), tally);
                }
                scheduler.runUntilIdle();
            }
            events = tracer.events();
        }
        assertThat(counted).hasValue(messages);
        List<TraceContext> roots = events.stream().filter(e -> e.kind() == TraceEvent.Kind.SEND)
                .map(TraceEvent::context).toList();
        assertThat(roots).as("roots of seed %d", seed).containsExactlyElementsOf(rootsOf(seed, rate, messages));
        assertThat(roots).allMatch(root -> root.parent() == 0);
        assertThat(events.stream().filter(e -> e.kind() == TraceEvent.Kind.BEGIN).map(TraceEvent::context).toList())
                .as("turns of seed %d", seed).containsExactlyElementsOf(roots);
    }

    @Test
    void aMessageReceivedWithAContextNotSampledIsNotTracedNorDrawnFor() {
        Tracer tracer = Tracer.builder().seed(5).build();
        AtomicInteger counted = new AtomicInteger();
        DeterministicScheduler scheduler = new DeterministicScheduler(5);
        TraceContext notSampled = new TraceContext(0x0123456789abcdefL, 0x0fedcba987654321L, 0x1111L, (byte) 0,
                0x2222L);
        TraceContext sampled = new TraceContext(0x0123456789abcdefL, 0x0fedcba987654321L, 0x3333L, TraceContext.SAMPLED,
                0x2222L);
        List<TraceEvent> events;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Vat vat = runtime.newVat("bank");
            Tally tally = vat.export(new Counting(counted), Tally.class);
            Vats.receive(vat, notSampled, target -> Ref.send(target, "count"), tally);
            Vats.receive(vat, sampled, target -> Ref.send(target, "count"), tally);
            scheduler.runUntilIdle();
            events = tracer.events();
        }
        assertThat(counted).hasValue(2);
        // Only the sampled message's turn is recorded; the other neither runs under its context nor starts a trace.
        assertThat(events).isNotEmpty().allMatch(e -> e.context().equals(sampled));
        assertThat(events).extracting(TraceEvent::kind).contains(TraceEvent.Kind.BEGIN, TraceEvent.Kind.END);
    }
}
