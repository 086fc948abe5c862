package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.Limits;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.function.Consumer;

/** How a server runs bundles in confined vats of its own process. */
public interface BundleRunner {

    /**
     * Checks {@code bundle} against the rules of the confined subset.
     *
     * @throws BundleRejectedException listing every violation
     */
    void verify(Bundle bundle) throws BundleRejectedException;

    /**
     * Starts a confined vat called {@code vatName} running {@code bundle}, whose entry is given
     * {@code args}, spending at most {@code limits}; answers its root as {@code root}. When the
     * vat is terminated (over its budget, say), {@code whenEnding} is told why, before any
     * reference into it breaks (see {@link dev.erg.confine.ConfinedVat#whenEnding}).
     *
     * @throws BundleRejectedException if the bundle breaks the rules
     */
    Promise<Object> spawn(String vatName, Bundle bundle, Class<?> root, List<Object> args, Limits limits,
                          Consumer<String> whenEnding)
            throws BundleRejectedException;
}
