package dev.erg.server.placement;

import static dev.erg.server.placement.Views.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerOfChoicesTest {

    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void withAChoiceOfAllTakesTheLowestUtilisationCountingCapacity() {
        List<ServerView> servers = List.of(
                server("busy", 80),
                new ServerView("big", 400, 200, 1, Membership.MEMBER),
                server("half", 60),
                Views.leaving("idle-but-leaving", 0));
        VatView vat = VatView.unplaced("v", "worker", 5, 1, 1);
        assertThat(new PowerOfChoices(4).choose(vat, servers, random)).contains("big");
    }

    @Test
    void countsTheNewVatsOwnLoadOnEachCandidate() {
        // Empty but small, the first would be overloaded by a vat of 90 turns/s; the big one would not.
        List<ServerView> servers = List.of(
                new ServerView("small", 50, 0, 1, Membership.MEMBER),
                new ServerView("large", 1_000, 300, 1, Membership.MEMBER));
        assertThat(new PowerOfChoices(2).choose(VatView.unplaced("v", "worker", 90, 1, 1), servers, random))
                .contains("large");
    }

    @Test
    void twoChoicesBalanceFarBetterThanOne() {
        assertThat(maxLoadOfManyBalls(2)).isLessThan(maxLoadOfManyBalls(1) - 5);
    }

    /** The fullest of 100 bins after 10,000 unit balls, each placed by a policy with {@code k} choices. */
    private static int maxLoadOfManyBalls(int k) {
        SplittableRandom random = new SplittableRandom(5);
        PowerOfChoices policy = new PowerOfChoices(k);
        int[] bins = new int[100];
        for (int ball = 0; ball < 10_000; ball++) {
            List<ServerView> servers = new ArrayList<>();
            for (int i = 0; i < bins.length; i++) {
                servers.add(new ServerView(String.valueOf(i), 1_000, bins[i], 1, Membership.MEMBER));
            }
            bins[Integer.parseInt(policy.choose(VatView.unplaced("v", "w", 1, 1, 1), servers, random).orElseThrow())]++;
        }
        int max = 0;
        for (int bin : bins) {
            max = Math.max(max, bin);
        }
        return max;
    }

    @Test
    void refusesFewerThanOneChoice() {
        assertThatThrownBy(() -> new PowerOfChoices(0)).hasMessage("k: 0 (expected: >= 1)");
    }
}
