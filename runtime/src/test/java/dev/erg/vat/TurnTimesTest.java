package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.trace.TraceEvent;
import dev.erg.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A sampled turn's end carries its time where something reads times, a sink or a tracer built
 * to keep them, and 0 in a ring that nothing asked to time.
 */
class TurnTimesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long TURN_NANOS = Duration.ofMillis(2).toNanos();

    /** Runs one root turn that takes at least {@link #TURN_NANOS} and returns the ends {@code tracer}'s ring keeps. */
    private static List<TraceEvent> endsOfOneSlowTurn(Tracer tracer) throws InterruptedException {
        try (VatRuntime runtime = VatRuntime.builder().threads(1).tracer(tracer).build()) {
            runtime.newVat("slow").run(() -> {
                long began = System.nanoTime();
                while (System.nanoTime() - began < TURN_NANOS) {
                    Thread.onSpinWait();
                }
            });
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() - deadline < 0) {
                List<TraceEvent> ends = tracer.events().stream().filter(e -> e.kind() == TraceEvent.Kind.END).toList();
                if (!ends.isEmpty()) {
                    return ends;
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("no turn ended within " + PATIENCE);
    }

    @Test
    void aTracerWithoutSinkKeepsEndsUntimed() throws InterruptedException {
        Tracer tracer = Tracer.builder().seed(1).build();
        assertThat(tracer.timesTurns()).isFalse();
        assertThat(endsOfOneSlowTurn(tracer)).singleElement().extracting(TraceEvent::nanos).isEqualTo(0L);
    }

    @Test
    void aTracerAskedForTurnTimesKeepsThemInItsRing() throws InterruptedException {
        Tracer tracer = Tracer.builder().seed(2).turnTimes(true).build();
        assertThat(tracer.timesTurns()).isTrue();
        assertThat(endsOfOneSlowTurn(tracer)).singleElement().extracting(TraceEvent::nanos)
                .satisfies(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(TURN_NANOS));
    }

    @Test
    void aSinkGetsTurnTimesAndSoDoesTheRing() throws InterruptedException {
        List<TraceEvent> sunk = new CopyOnWriteArrayList<>();
        Tracer tracer = Tracer.builder().seed(3).sink(sunk::add).build();
        assertThat(tracer.timesTurns()).isTrue();
        assertThat(endsOfOneSlowTurn(tracer)).singleElement().extracting(TraceEvent::nanos)
                .satisfies(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(TURN_NANOS));
        assertThat(sunk).filteredOn(e -> e.kind() == TraceEvent.Kind.END).singleElement().extracting(TraceEvent::nanos)
                .satisfies(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(TURN_NANOS));
    }
}
