package dev.erg.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the trace scenarios explain, word for word, in every mode. */
class TraceScenariosTest {

    @Test
    void aMessageSentFromOutsideAnyTurnIsExplainedBackToItselfAcrossNodes() {
        Scenario scenario = TraceScenarios.all().stream().filter(s -> s.name().startsWith("a message sent from outside"))
                .findFirst().orElseThrow();
        Verdict verdict;
        try (Harness harness = new Harness(List.of(), Duration.ofSeconds(10))) {
            verdict = harness.check(scenario);
        }
        assertThat(verdict.transparent()).as(verdict.report()).isTrue();
        for (Mode mode : Mode.values()) {
            assertThat(verdict.outcomes().get(mode).lines("why")).as("%s", mode).containsExactly(
                    "the answer of Auction.bid […] broke with Insufficient: wanted 500, holds 100",
                    "  because it followed the answer of Auction.bid […]",
                    "  because it followed the answer of Purse.withdraw […]",
                    "  which broke first in vat bank, in the turn that received Purse.withdraw […]",
                    "    Purse.withdraw […] was sent by vat auction in its turn receiving Auction.bid […]",
                    "    Auction.bid […] was sent by vat alice in its turn receiving Auction.bid […]",
                    "    Auction.bid […] was queued from outside any turn (the root)");
        }
    }
}
