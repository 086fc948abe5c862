package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceGraph;
import dev.erg.trace.Tracer;
import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A message held back by an embargo is sent on, once the embargo lifts, under the trace
 * context it was sent with: the turn that receives it is in the trace of the turn that sent it.
 */
class EmbargoTracingTest {

    @Test
    void aMessageHeldByAnEmbargoIsDeliveredInTheTraceItWasSentIn() {
        Tracer tracer = Tracer.builder().seed(18).build();
        EmbargoTest.Journal journal = new EmbargoTest.Journal();
        List<TraceEvent> events;
        Promise<Long> deposited;
        try (SessionPair pair = new SessionPair(new Ledger(), tracer)) {
            Account bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
            Account mine = pair.alice.export(journal, Account.class);
            // Bob echoes Alice's journal; his answer is on its way back while a note pipelined to it travels.
            Promise<Object> echoed = bob.echo(mine);
            pair.deliverOne();
            pair.scheduler.runUntilIdle();
            Account back = echoed.as(Account.class);
            back.note("pipelined");
            pair.deliverOne();
            assertThat(echoed.isSettled()).as("held back while the pipelined note travels").isFalse();

            AtomicReference<Promise<Long>> held = new AtomicReference<>();
            pair.alice.run(() -> held.set(back.deposit(20)));
            pair.scheduler.runUntilIdle();
            pair.pump();
            deposited = held.get();
            assertThat(deposited.join(Duration.ZERO)).isEqualTo(20L);
            events = tracer.events();
        }
        assertThat(journal.calls).containsExactly("pipelined", "deposit 20");
        TraceEvent sent = events.stream().filter(e -> e.kind() == TraceEvent.Kind.SEND && e.label().endsWith("deposit"))
                .findFirst().orElseThrow();
        TraceContext message = sent.context();
        assertThat(sent.parent()).as("sent in a turn").isNotZero();
        TraceEvent received = events.stream().filter(e -> e.kind() == TraceEvent.Kind.BEGIN && e.vat().equals("alice")
                && e.label().endsWith("deposit")).findFirst().orElseThrow();
        assertThat(received.context()).as("the turn that received the held message").isEqualTo(message);

        TraceGraph graph = TraceGraph.of(events);
        List<TraceGraph.Message> trace = graph.traceOf(message.span());
        assertThat(trace).extracting(TraceGraph.Message::span).contains(sent.parent(), message.span());
        assertThat(trace).allMatch(m -> !m.label().isEmpty());
        assertThat(graph.message(message.span()).orElseThrow().outcome()).isEqualTo("fulfilled");
        assertThat(events).filteredOn(e -> e.kind() == TraceEvent.Kind.FULFILL && e.span() == message.span())
                .allMatch(e -> e.cause() != message.span());
    }
}
