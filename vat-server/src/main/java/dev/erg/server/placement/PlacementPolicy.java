package dev.erg.server.placement;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Chooses the server a new vat is to run on. */
public interface PlacementPolicy {

    /**
     * Chooses one of the {@link ServerView#accepts() accepting} servers among {@code servers} for
     * {@code vat}, drawing any randomness from {@code random}.
     *
     * @return the chosen server's id; empty when no server accepts vats
     */
    Optional<String> choose(VatView vat, List<ServerView> servers, RandomGenerator random);
}
