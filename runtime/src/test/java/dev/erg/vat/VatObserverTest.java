package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A runtime's observer hears of every turn queued and run, and tells messages from callbacks. */
class VatObserverTest {

    public interface Echo {
        Promise<String> echo(String text);
    }

    private record Event(String vat, String what) {
    }

    @Test
    void seesEachMessageQueuedAndEachTurnRun() {
        List<Event> events = new CopyOnWriteArrayList<>();
        VatObserver observer = new VatObserver() {
            @Override
            public void queued(Vat vat, boolean message) {
                events.add(new Event(vat.name(), message ? "message" : "task"));
            }

            @Override
            public void ran(Vat vat, long nanos) {
                assertThat(nanos).isNotNegative();
                events.add(new Event(vat.name(), "ran"));
            }
        };
        try (VatRuntime runtime = VatRuntime.builder().threads(1).observer(observer).build()) {
            Vat bob = runtime.newVat("bob");
            Echo echo = bob.export(text -> Promise.of(text), Echo.class);
            assertThat(echo.echo("hi").join(Duration.ofSeconds(5))).isEqualTo("hi");
            bob.call(() -> 1).join(Duration.ofSeconds(5));
        }
        // The answer settles inside the turn, so the caller may queue the task before "ran" is told.
        assertThat(events.stream().filter(e -> !e.what().equals("ran")))
                .containsExactly(new Event("bob", "message"), new Event("bob", "task"));
        assertThat(events).filteredOn(e -> e.what().equals("ran")).hasSize(2);
        assertThat(events.getFirst()).isEqualTo(new Event("bob", "message"));
    }

    @Test
    void aRuntimeWithoutAnObserverRunsAsBefore() {
        try (VatRuntime runtime = VatRuntime.create()) {
            assertThat(runtime.newVat("plain").call(() -> 42).join(Duration.ofSeconds(5))).isEqualTo(42);
        }
    }
}
