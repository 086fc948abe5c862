package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceGraph;
import dev.erg.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Causality tracing within one JVM, on the deterministic scheduler. */
class TracingTest {

    /** Takes bids, paying for each from a purse. */
    public interface Auction {
        Promise<Long> bid(long amount);
    }

    /** Pays out, if it holds enough. */
    public interface Purse {
        Promise<Long> withdraw(long amount);
    }

    private record Funds(long balance) implements Purse {
        @Override
        public Promise<Long> withdraw(long amount) {
            if (amount > balance) {
                throw new ProblemException("Insufficient", "wanted " + amount + ", holds " + balance);
            }
            return Promise.of(balance - amount);
        }
    }

    private record Bidding(Purse purse) implements Auction {
        @Override
        public Promise<Long> bid(long amount) {
            return purse.withdraw(amount);
        }
    }

    /** Alice bids through the auction, which withdraws from a purse in a third vat; returns what alice saw. */
    private static List<String> bid(VatRuntime runtime, DeterministicScheduler scheduler, long amount) {
        Purse purse = runtime.newVat("bank").export(new Funds(100), Purse.class);
        Auction auction = runtime.newVat("auction").export(new Bidding(purse), Auction.class);
        List<String> seen = new ArrayList<>();
        runtime.newVat("alice").run(() -> auction.bid(amount).when(left -> seen.add("left " + left),
                problem -> seen.add("broken " + problem.kind())));
        scheduler.runUntilIdle();
        return seen;
    }

    private static long spanOf(List<TraceEvent> events, TraceEvent.Kind kind, String label) {
        return events.stream().filter(e -> e.kind() == kind && e.label().equals(label)).findFirst().orElseThrow().span();
    }

    @Test
    void aBrokenAnswerIsExplainedBackToTheTurnThatBrokeItAndOnToTheRoot() {
        DeterministicScheduler scheduler = new DeterministicScheduler(7);
        Tracer tracer = Tracer.builder().seed(7).build();
        List<TraceEvent> events;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            assertThat(bid(runtime, scheduler, 500)).containsExactly("broken Insufficient");
            events = tracer.events();
        }
        long bid = spanOf(events, TraceEvent.Kind.SEND, "Auction.bid");
        long withdraw = spanOf(events, TraceEvent.Kind.SEND, "Purse.withdraw");
        long run = spanOf(events, TraceEvent.Kind.SEND, "run");

        TraceGraph.Why why = TraceGraph.of(events).why(bid).orElseThrow();

        assertThat(why.problemKind()).isEqualTo("Insufficient");
        assertThat(why.problemMessage()).isEqualTo("wanted 500, holds 100");
        assertThat(why.answers()).extracting(TraceGraph.Message::span).containsExactly(bid, withdraw);
        assertThat(why.brokeIn()).isEqualTo(withdraw);
        assertThat(why.turns()).extracting(TraceGraph.Message::label, TraceGraph.Message::from, TraceGraph.Message::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Purse.withdraw", "auction", "bank"),
                        org.assertj.core.groups.Tuple.tuple("Auction.bid", "alice", "auction"),
                        org.assertj.core.groups.Tuple.tuple("run", "alice", "alice"));
        assertThat(why.turns().getLast().sentIn()).isZero();
        assertThat(why.lines().getFirst()).contains("Auction.bid", "broke with Insufficient: wanted 500, holds 100");
    }

    @Test
    void everyEventOfOneRootSharesItsTraceIdAndTheReactionFollowsTheAnswer() {
        DeterministicScheduler scheduler = new DeterministicScheduler(3);
        Tracer tracer = Tracer.builder().seed(3).build();
        List<TraceEvent> events;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            assertThat(bid(runtime, scheduler, 30)).containsExactly("left 70");
            events = tracer.events();
        }
        assertThat(events.stream().map(e -> e.context().traceId()).distinct()).hasSize(1);
        TraceGraph graph = TraceGraph.of(events);
        long bid = spanOf(events, TraceEvent.Kind.SEND, "Auction.bid");
        List<TraceGraph.Message> trace = graph.traceOf(bid);
        assertThat(trace).extracting(TraceGraph.Message::label)
                .containsExactly("run", "Auction.bid", "Purse.withdraw", "when");
        TraceGraph.Message when = trace.getLast();
        assertThat(when.reactsTo()).isEqualTo(bid);
        assertThat(when.to()).isEqualTo("alice");
        assertThat(graph.message(bid).orElseThrow().outcome()).isEqualTo("fulfilled");
        assertThat(graph.why(bid)).isEmpty();
        assertThat(events.stream().filter(e -> e.kind() == TraceEvent.Kind.BEGIN).count())
                .isEqualTo(events.stream().filter(e -> e.kind() == TraceEvent.Kind.END).count()).isEqualTo(4);
    }

    @Test
    void aMessageSentFromAPlainThreadIsARootWhoseBrokenAnswerIsExplained() {
        DeterministicScheduler scheduler = new DeterministicScheduler(5);
        Tracer tracer = Tracer.builder().seed(5).build();
        List<TraceEvent> events;
        Promise<Long> answer;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Purse purse = runtime.newVat("bank").export(new Funds(100), Purse.class);
            Auction auction = runtime.newVat("auction").export(new Bidding(purse), Auction.class);
            answer = auction.bid(500);
            scheduler.runUntilIdle();
            assertThat(answer.problemOrNull().kind()).isEqualTo("Insufficient");
            events = tracer.events();
        }
        long bid = spanOf(events, TraceEvent.Kind.SEND, "Auction.bid");
        long withdraw = spanOf(events, TraceEvent.Kind.SEND, "Purse.withdraw");
        assertThat(answer.trace().span()).isEqualTo(bid);
        TraceEvent broke = events.stream().filter(e -> e.kind() == TraceEvent.Kind.BREAK && e.span() == bid)
                .findFirst().orElseThrow();
        assertThat(broke.cause()).isEqualTo(withdraw);

        TraceGraph.Why why = TraceGraph.of(events).why(bid).orElseThrow();

        assertThat(why.answers()).extracting(TraceGraph.Message::span).containsExactly(bid, withdraw);
        assertThat(why.turns()).extracting(TraceGraph.Message::label, TraceGraph.Message::from, TraceGraph.Message::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Purse.withdraw", "auction", "bank"),
                        org.assertj.core.groups.Tuple.tuple("Auction.bid", "auction", "auction"));
        assertThat(why.lines().getLast()).isEqualTo("    Auction.bid [" + TraceContext.spanId(bid)
                + "] was queued from outside any turn (the root)");
    }

    @Test
    void aMessageSentByRefSendFromAPlainThreadIsFulfilledInItsOwnTrace() {
        DeterministicScheduler scheduler = new DeterministicScheduler(6);
        Tracer tracer = Tracer.builder().seed(6).build();
        List<TraceEvent> events;
        Promise<Object> answer;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Purse purse = runtime.newVat("bank").export(new Funds(100), Purse.class);
            answer = Ref.send(purse, "withdraw", 30L);
            scheduler.runUntilIdle();
            events = tracer.events();
        }
        long withdraw = spanOf(events, TraceEvent.Kind.SEND, "Purse.withdraw");
        assertThat(answer.trace().span()).isEqualTo(withdraw);
        assertThat(events).filteredOn(e -> e.kind() == TraceEvent.Kind.SEND).singleElement()
                .satisfies(send -> assertThat(send.parent()).isZero());
        assertThat(TraceGraph.of(events).message(withdraw).orElseThrow().outcome()).isEqualTo("fulfilled");
    }

    @Test
    void aCallMadeFromAPlainThreadIsARootWhoseBrokenAnswerIsExplained() {
        DeterministicScheduler scheduler = new DeterministicScheduler(9);
        Tracer tracer = Tracer.builder().seed(9).build();
        List<TraceEvent> events;
        Promise<Long> answer;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Purse purse = runtime.newVat("bank").export(new Funds(100), Purse.class);
            answer = runtime.newVat("alice").callPromise(() -> purse.withdraw(500));
            scheduler.runUntilIdle();
            assertThat(answer.problemOrNull().kind()).isEqualTo("Insufficient");
            events = tracer.events();
        }
        long run = spanOf(events, TraceEvent.Kind.SEND, "run");
        long withdraw = spanOf(events, TraceEvent.Kind.SEND, "Purse.withdraw");
        assertThat(answer.trace().span()).isEqualTo(run);

        TraceGraph.Why why = TraceGraph.of(events).why(run).orElseThrow();

        assertThat(why.answers()).extracting(TraceGraph.Message::span).containsExactly(run, withdraw);
        assertThat(why.lines().getLast()).isEqualTo("    run [" + TraceContext.spanId(run)
                + "] was queued from outside any turn (the root)");
    }

    @Test
    void plainThreadSendsAreSampledAtTheTracersRate() {
        DeterministicScheduler scheduler = new DeterministicScheduler(8);
        Tracer tracer = Tracer.builder().seed(8).sampleRate(0.5).build();
        int sends = 40;
        List<Promise<Long>> answers = new ArrayList<>();
        List<TraceEvent> events;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Purse purse = runtime.newVat("bank").export(new Funds(10), Purse.class);
            for (int i = 0; i < sends; i++) {
                answers.add(purse.withdraw(20));
            }
            scheduler.runUntilIdle();
            events = tracer.events();
        }
        List<Promise<Long>> traced = answers.stream().filter(a -> a.trace() != null).toList();
        assertThat(traced.size()).as("traced of %d sends", sends).isBetween(10, 30);
        Set<Long> broken = events.stream().filter(e -> e.kind() == TraceEvent.Kind.BREAK).map(TraceEvent::span)
                .collect(Collectors.toSet());
        assertThat(broken).isEqualTo(traced.stream().map(a -> a.trace().span()).collect(Collectors.toSet()));
    }

    @Test
    void withoutATracerAnswersCarryNoContext() {
        try (Sim sim = new Sim(5)) {
            Vat vat = sim.vat("v");
            Purse purse = sim.vat("bank").export(new Funds(10), Purse.class);
            List<Promise<Long>> answers = new ArrayList<>();
            vat.run(() -> answers.add(purse.withdraw(1)));
            sim.scheduler.runUntilIdle();
            assertThat(sim.settle(answers.getFirst())).isEqualTo(9L);
            assertThat(answers.getFirst().trace()).isNull();
        }
    }

    @Test
    void samplingDecidesAtTheRootAndEveryRecordedTraceIsWhole() {
        DeterministicScheduler scheduler = new DeterministicScheduler(11);
        Tracer tracer = Tracer.builder().seed(11).sampleRate(0.5).build();
        List<TraceEvent> events;
        int roots = 40;
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            for (int i = 0; i < roots; i++) {
                bid(runtime, scheduler, i % 2 == 0 ? 30 : 500);
            }
            events = tracer.events();
        }
        Set<String> traces = events.stream().map(e -> e.context().traceId()).collect(Collectors.toSet());
        assertThat(traces.size()).as("traces recorded of %d roots", roots).isBetween(10, 30);
        Set<Long> turns = events.stream().filter(e -> e.kind() == TraceEvent.Kind.BEGIN).map(TraceEvent::span)
                .collect(Collectors.toSet());
        // A recorded trace is whole: every message but a root was sent by a recorded turn, and was received.
        for (TraceEvent send : events.stream().filter(e -> e.kind() == TraceEvent.Kind.SEND).toList()) {
            assertThat(send.parent() == 0 || turns.contains(send.parent())).as("parent of %s", send).isTrue();
            assertThat(turns).contains(send.span());
        }
        assertThat(events.stream().filter(e -> e.kind() == TraceEvent.Kind.SEND).count()).isEqualTo(4L * traces.size());
    }

    @Test
    void aVatThatShutsDownTakesItsLogAlong() {
        DeterministicScheduler scheduler = new DeterministicScheduler(4);
        Tracer tracer = Tracer.builder().seed(4).build();
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Vat vat = runtime.newVat("short-lived");
            vat.run(() -> { });
            scheduler.runUntilIdle();
            assertThat(tracer.events()).extracting(TraceEvent::vat).containsOnly("short-lived").hasSize(3);
            vat.shutdown();
            assertThat(tracer.events()).isEmpty();
        }
    }

    @Test
    void aSampleRateOfZeroRecordsNothing() {
        DeterministicScheduler scheduler = new DeterministicScheduler(2);
        Tracer tracer = Tracer.builder().sampleRate(0).build();
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            assertThat(bid(runtime, scheduler, 500)).containsExactly("broken Insufficient");
            assertThat(tracer.events()).isEmpty();
        }
    }
    @Test
    void aRootIsRecordedByItsVatAsItBeginsOrElseAsItIsCancelled() {
        DeterministicScheduler scheduler = new DeterministicScheduler(3);
        List<TraceEvent> sunk = new ArrayList<>();
        Tracer tracer = Tracer.builder().seed(3).sink(sunk::add).build();
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            Vat ran = runtime.newVat("ran");
            Vat stopped = runtime.newVat("stopped");
            ran.run(() -> { });
            stopped.run(() -> { });
            assertThat(sunk).as("recorded as queued").isEmpty();
            stopped.shutdown();
            scheduler.runUntilIdle();
        }
        assertThat(sunk).extracting(e -> e.vat() + " " + e.kind())
                .containsExactlyInAnyOrder("ran SEND", "ran BEGIN", "ran END", "stopped SEND");
        TraceEvent first = sunk.stream().filter(e -> e.vat().equals("ran")).findFirst().orElseThrow();
        assertThat(first.kind()).as("the root's sending, just before its turn").isEqualTo(TraceEvent.Kind.SEND);
        assertThat(sunk).filteredOn(e -> e.kind() == TraceEvent.Kind.SEND)
                .allMatch(e -> e.label().equals("run") && e.parent() == 0 && e.cause() == 0);
    }
}
