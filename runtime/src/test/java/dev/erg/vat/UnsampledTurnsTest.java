package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.trace.Sampler;
import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceGraph;
import dev.erg.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Turns that are not sampled run on the pool's threads as without a tracer, and still let
 * through what belongs to a sampled trace: the settling of a traced answer and the reactions
 * to it.
 */
class UnsampledTurnsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Takes bids. */
    public interface Auction {
        Promise<Long> bid(long amount);
    }

    /** Pays out. */
    public interface Purse {
        Promise<Long> withdraw(long amount);
    }

    /** Keeps every event, and counts down the turns that end. */
    private static final class Events {
        final List<TraceEvent> all = new ArrayList<>();
        final CountDownLatch ends;

        Events(int turns) {
            ends = new CountDownLatch(turns);
        }

        synchronized void accept(TraceEvent event) {
            all.add(event);
            if (event.kind() == TraceEvent.Kind.END) {
                ends.countDown();
            }
        }

        synchronized List<TraceEvent> all() {
            return List.copyOf(all);
        }

        long count(TraceEvent.Kind kind, String label) {
            return all().stream().filter(e -> e.kind() == kind && e.label().equals(label)).count();
        }

        TraceEvent first(TraceEvent.Kind kind, String label) {
            return all().stream().filter(e -> e.kind() == kind && e.label().equals(label)).findFirst().orElseThrow();
        }

        void awaitEnds() throws InterruptedException {
            assertThat(ends.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("turns ended").isTrue();
        }
    }

    @Test
    void onThePoolEveryTurnOfASampledRootIsRecorded() throws InterruptedException {
        Events events = new Events(3);
        Tracer tracer = Tracer.builder().seed(1).sink(events::accept).build();
        try (VatRuntime runtime = VatRuntime.builder().threads(1).tracer(tracer).build()) {
            Auction auction = runtime.newVat("auction").export(amount -> Promise.of(amount * 2), Auction.class);
            runtime.newVat("alice").run(() -> auction.bid(21).when(doubled -> { }, problem -> { }));
            events.awaitEnds();
        }
        long bid = events.first(TraceEvent.Kind.SEND, "Auction.bid").span();
        List<TraceGraph.Message> trace = TraceGraph.of(events.all()).traceOf(bid);
        assertThat(trace).extracting(TraceGraph.Message::label).containsExactly("run", "Auction.bid", "when");
        assertThat(trace.getLast().reactsTo()).isEqualTo(bid);
        assertThat(events.first(TraceEvent.Kind.FULFILL, "").span()).isEqualTo(bid);
    }

    @Test
    void aTracedAnswerSettledInAnUnsampledTurnIsRecordedAndItsReactionTraced() throws InterruptedException {
        // Seeded so that the first root is sampled and the second is not.
        Events events = new Events(3);
        Tracer tracer = Tracer.builder().seed(2).sampleRate(0.5).sink(events::accept).build();
        Deferred<Long> pending = Promise.defer();
        CountDownLatch bidden = new CountDownLatch(1);
        AtomicReference<Promise<Long>> answer = new AtomicReference<>();
        try (VatRuntime runtime = VatRuntime.builder().threads(1).tracer(tracer).build()) {
            Vat auctionVat = runtime.newVat("auction");
            Auction auction = auctionVat.export(amount -> {
                bidden.countDown();
                return pending.promise();
            }, Auction.class);
            runtime.newVat("alice").run(() -> answer.set(auction.bid(5)));
            assertThat(bidden.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            auctionVat.run(() -> {
                answer.get().when(value -> { }, problem -> { });
                pending.resolver().resolve(7L);
            });
            // run, Auction.bid and the reaction: the second root is not recorded.
            events.awaitEnds();
            assertThat(answer.get().join(PATIENCE)).isEqualTo(7L);
        }
        long bid = events.first(TraceEvent.Kind.SEND, "Auction.bid").span();
        assertThat(events.count(TraceEvent.Kind.SEND, "run")).as("roots recorded").isEqualTo(1);
        TraceEvent fulfilled = events.first(TraceEvent.Kind.FULFILL, "");
        assertThat(fulfilled.span()).isEqualTo(bid);
        assertThat(fulfilled.vat()).isEqualTo("auction");
        assertThat(fulfilled.parent()).as("settled outside any sampled turn").isZero();
        TraceEvent reaction = events.first(TraceEvent.Kind.SEND, "when");
        assertThat(reaction.cause()).isEqualTo(bid);
        assertThat(reaction.context().traceId()).isEqualTo(fulfilled.context().traceId());
        assertThat(events.count(TraceEvent.Kind.BEGIN, "when")).isEqualTo(1);
    }

    @Test
    void onThePoolAnUnsampledRootRecordsNothingAndASampledOneItsWholeChainAcrossVats() throws InterruptedException {
        long seed = new SplittableRandom().nextLong();
        double rate = 0.5;
        int roots = 60;
        // The roots are queued from this thread, one after the other: they draw as the probe's first draws do.
        Sampler probe = Tracer.builder().seed(seed).sampleRate(rate).build().sampler();
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < roots; i++) {
            if (probe.root() != null) {
                drawn.add(i);
            }
        }
        Events events = new Events(4 * drawn.size());
        Tracer tracer = Tracer.builder().seed(seed).sampleRate(rate).sink(events::accept).build();
        CountDownLatch reacted = new CountDownLatch(roots);
        List<Promise<Object>> started = new ArrayList<>();
        try (VatRuntime runtime = VatRuntime.builder().threads(2).tracer(tracer).build()) {
            Purse purse = runtime.newVat("bank").export(amount -> Promise.of(100 - amount), Purse.class);
            Auction auction = runtime.newVat("auction").export(purse::withdraw, Auction.class);
            Vat alice = runtime.newVat("alice");
            for (int i = 0; i < roots; i++) {
                long amount = i;
                started.add(alice.call(() -> {
                    auction.bid(amount).when(left -> reacted.countDown(), problem -> { });
                    return null;
                }));
            }
            assertThat(reacted.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("reactions, seed %d", seed).isTrue();
            events.awaitEnds();
        }
        Set<Integer> sampled = new HashSet<>();
        Map<String, Integer> rootOf = new HashMap<>();
        for (int i = 0; i < roots; i++) {
            TraceContext root = started.get(i).trace();
            if (root != null) {
                sampled.add(i);
                rootOf.put(root.traceId(), i);
            }
        }
        assertThat(sampled).as("roots sampled, seed %d", seed).isEqualTo(drawn);
        List<TraceEvent> all = events.all();
        assertThat(all).as("events outside the sampled roots' traces, seed %d", seed)
                .allMatch(e -> rootOf.containsKey(e.context().traceId()));
        Map<String, List<TraceEvent>> byTrace = all.stream().collect(Collectors.groupingBy(e -> e.context().traceId()));
        assertThat(byTrace.keySet()).isEqualTo(rootOf.keySet());
        for (List<TraceEvent> trace : byTrace.values()) {
            List<TraceEvent> begins = trace.stream().filter(e -> e.kind() == TraceEvent.Kind.BEGIN).toList();
            assertThat(begins).extracting(e -> e.vat() + " " + e.label()).as("turns of a trace, seed %d", seed)
                    .containsExactlyInAnyOrder("alice run", "auction Auction.bid", "bank Purse.withdraw", "alice when");
            Set<Long> turns = begins.stream().map(TraceEvent::span).collect(Collectors.toSet());
            for (TraceEvent send : trace.stream().filter(e -> e.kind() == TraceEvent.Kind.SEND).toList()) {
                assertThat(turns).as("turn of %s, seed %d", send, seed).contains(send.span());
                assertThat(send.parent() == 0 || turns.contains(send.parent())).as("parent of %s, seed %d", send, seed)
                        .isTrue();
            }
        }
    }
}
