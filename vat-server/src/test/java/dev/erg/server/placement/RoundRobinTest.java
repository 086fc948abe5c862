package dev.erg.server.placement;

import static dev.erg.server.placement.Views.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void dealsToEachAcceptingServerInTurnWhateverItsLoad() {
        List<ServerView> servers = List.of(server("a", 90), Views.leaving("b", 0), server("c", 0));
        RoundRobin policy = new RoundRobin();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(policy.choose(VatView.unplaced("v" + i, "worker", 1, 1, 1), servers, random).orElseThrow());
        }
        assertThat(chosen).containsExactly("a", "c", "a", "c");
    }

    @Test
    void choosesNothingWhenNoServerAccepts() {
        assertThat(new RoundRobin().choose(VatView.unplaced("v", "worker", 1, 1, 1), List.of(Views.leaving("b", 0)), random))
                .isEmpty();
    }
}
