package dev.erg.server.placement;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Puts a new vat on an accepting server drawn uniformly at random, blind to load. */
public final class RandomPlacement implements PlacementPolicy {

    @Override
    public Optional<String> choose(VatView vat, List<ServerView> servers, RandomGenerator random) {
        List<ServerView> accepting = servers.stream().filter(ServerView::accepts).toList();
        if (accepting.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(accepting.get(random.nextInt(accepting.size())).id());
    }
}
