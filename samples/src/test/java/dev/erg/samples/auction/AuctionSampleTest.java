package dev.erg.samples.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An auction on a vat-server process, with the seller and three bidders as parties of their own. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuctionSampleTest {

    @TempDir
    static Path tmp;

    private static AuctionReport report;
    private static String story;

    @BeforeAll
    static void runTheSample() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report = AuctionSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        story = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHighestInvitedBidderWinsAndNobodyDoesWhatTheyHoldNoCapabilityFor() {

        assertThat(report.bids()).containsExactly(
                new Standing("violin", "alice", 100, true),
                new Standing("violin", "bob", 120, true),
                new Standing("violin", "alice", 150, true));
        assertThat(report.outcome()).isEqualTo(new Outcome("violin", "alice", 150));

        Map<String, Problem> refused = report.refused();
        assertThat(refused).as(story).doesNotContainValue(null);
        assertThat(refused.get("alice's agent raises by 10").kind()).isEqualTo("BidTooLow");
        assertThat(refused.get("alice closes the auction through her bidder facet").kind()).isEqualTo(Problem.NOT_CALLABLE);
        assertThat(refused.get("alice invites mallory through her bidder facet").kind()).isEqualTo(Problem.NOT_CALLABLE);
        assertThat(refused.get("alice takes her invitation for the seller's control and closes the auction").kind())
                .isEqualTo(Problem.NOT_CALLABLE);
        assertThat(refused).containsKey("alice bids 200 in bob's name");
        assertThat(refused.get("mallory, invited by nobody, guesses an invitation").kind()).isEqualTo("NotFound");
        assertThat(refused.get("bob bids 200 after the close").kind()).isEqualTo("AuctionClosed");
        assertThat(refused.get("bob uses his invitation again after the close").kind()).isEqualTo("NotFound");
        assertThat(refused).hasSize(8);

        assertThat(story).contains("exit status 0.");
    }

    @Test
    void theTraceFilesExplainTheAgentsBrokenRaiseBackToTheBidThatBrokeIt() {
        assertThat(report.why()).as(story)
                .extracting(line -> line.replaceAll("\\[[0-9a-f]{16}]", "[…]"))
                .containsExactly(
                        "the answer of BidAgent.raise […] broke with BidTooLow: alice bid 110 for the violin; "
                                + "a bid must reach 100 and beat 120",
                        "  because it followed the answer of Bidder.bid […]",
                        "  which broke first in vat house, in the turn that received Bidder.bid […]",
                        "    Bidder.bid […] was sent by vat alice-agent in its turn receiving BidAgent.raise […]",
                        "    BidAgent.raise […] was queued from outside any turn (the root)");
        String raise = report.why().getFirst().replaceAll(".*BidAgent.raise \\[([0-9a-f]{16})].*", "$1");
        assertThat(report.why().getLast()).contains(raise);
    }
}
