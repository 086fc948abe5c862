package dev.erg.server.interop;

import dev.erg.net.OcapnNode;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.SturdyRefLocator;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.List;

/** Called with an OCapN sturdy ref, fetches its object through the node, dialing its node if need be, and answers it. */
final class SturdyRefEnlivener implements Procedure {

    private final OcapnNode node;

    SturdyRefEnlivener(OcapnNode node) {
        this.node = node;
    }

    @Override
    public Promise<Object> apply(List<Object> args) {
        if (args.size() != 1 || !(args.getFirst() instanceof SturdyRefLocator ref)) {
            return Promise.broken(Problem.of(Problem.NOT_CALLABLE, "the enlivener takes one ocapn-sturdyref"));
        }
        return node.fetch(LocatorUris.format(ref), Object.class);
    }
}
