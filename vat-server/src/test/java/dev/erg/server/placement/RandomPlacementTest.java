package dev.erg.server.placement;

import static dev.erg.server.placement.Views.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomPlacementTest {

    private static final List<ServerView> SERVERS =
            List.of(server("a", 0), server("b", 99), Views.leaving("c", 0), server("d", 50));
    private static final VatView VAT = VatView.unplaced("v", "worker", 1, 1, 1);

    @Test
    void spreadsOverTheAcceptingServersOnly() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            counts.merge(new RandomPlacement().choose(VAT, SERVERS, random).orElseThrow(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("a", "b", "d");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(900, 1_100));
    }

    @Test
    void theSameSeedMakesTheSameChoices() {
        SplittableRandom one = new SplittableRandom(3);
        SplittableRandom two = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            assertThat(new RandomPlacement().choose(VAT, SERVERS, one)).isEqualTo(new RandomPlacement().choose(VAT, SERVERS, two));
        }
    }
}
