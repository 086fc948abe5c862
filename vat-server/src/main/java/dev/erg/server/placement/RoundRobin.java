package dev.erg.server.placement;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Deals new vats to the accepting servers in turn, blind to load. Keeps a cursor, so one
 * instance serves one placer.
 */
public final class RoundRobin implements PlacementPolicy {

    private long next;

    @Override
    public Optional<String> choose(VatView vat, List<ServerView> servers, RandomGenerator random) {
        List<ServerView> accepting = servers.stream().filter(ServerView::accepts).toList();
        if (accepting.isEmpty()) {
            return Optional.empty();
        }
        // The list changes as servers join and leave: the cursor only promises a fair turn.
        return Optional.of(accepting.get((int) (next++ % accepting.size())).id());
    }
}
