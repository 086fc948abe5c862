package dev.erg.server.placement;

import static dev.erg.server.placement.Views.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheapestAffordableTest {

    private final CheapestAffordable policy = new CheapestAffordable(ClusterSimulation.PRICES);
    private final SplittableRandom random = new SplittableRandom(2);

    @Test
    void goesWhereItsTurnsWillCostLeastOnceItHasArrived() {
        // The small server is idle now, but this vat alone would fill seven eighths of it.
        List<ServerView> servers = List.of(
                new ServerView("small-idle", 40, 0, 1, Membership.MEMBER),
                server("half", 50),
                server("busy", 90));
        VatView vat = VatView.unplaced("v", "worker", 35, 1_000, 100);
        assertThat(policy.choose(vat, servers, random)).contains("half");
    }

    @Test
    void aVatNoServerIsCheapEnoughForStillGoesToTheCheapest() {
        List<ServerView> servers = List.of(server("a", 80), server("b", 70), Views.leaving("c", 0));
        VatView poor = VatView.unplaced("v", "worker", 10, 0, 0);
        assertThat(policy.choose(poor, servers, random)).contains("b");
    }

    @Test
    void choosesNothingWhenNoServerAccepts() {
        assertThat(policy.choose(VatView.unplaced("v", "w", 1, 1, 1), List.of(Views.leaving("c", 0)), random)).isEmpty();
    }
}
