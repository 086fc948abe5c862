package dev.erg.server.placement;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Agoric placement of a new vat: the accepting server where its turns will cost least, priced by
 * the public {@link PriceCurve} with the vat's own load added. If the vat's budget covers any
 * server it covers this one; if it covers none the vat still goes here, since it must run
 * somewhere: its host meters it, and turns it cannot pay for wait for funds.
 */
public final class CheapestAffordable implements PlacementPolicy {

    private final PriceCurve curve;

    /** Agoric placement by {@code curve}. */
    public CheapestAffordable(PriceCurve curve) {
        this.curve = curve;
    }

    @Override
    public Optional<String> choose(VatView vat, List<ServerView> servers, RandomGenerator random) {
        return servers.stream()
                .filter(ServerView::accepts)
                .min(Comparator.comparingDouble(s -> curve.priceWith(s, vat.load())))
                .map(ServerView::id);
    }
}
