package dev.erg.ocapn.captp;

import dev.erg.vat.Passable;
import java.util.Objects;

/**
 * An OCapN sturdy ref, {@code <ocapn-sturdyref node swiss-num>}: the node and the swiss number
 * its bootstrap object's {@code fetch} takes for the object.
 */
@Passable("ocapn.SturdyRef")
public record SturdyRefLocator(PeerLocator node, String swissNumber) {

    public SturdyRefLocator {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(swissNumber, "swissNumber");
    }
}
