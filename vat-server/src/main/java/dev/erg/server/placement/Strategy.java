package dev.erg.server.placement;

import java.util.Objects;

/**
 * How one sort of vat is placed and kept in place.
 *
 * @param name       what reports call it
 * @param placement  where new vats go
 * @param rebalancer which running vats move; {@link Rebalancer#NONE} for none
 */
public record Strategy(String name, PlacementPolicy placement, Rebalancer rebalancer) {

    public Strategy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(rebalancer, "rebalancer");
    }
}
