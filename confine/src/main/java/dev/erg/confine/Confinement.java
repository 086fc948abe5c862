package dev.erg.confine;

import dev.erg.vat.VatRuntime;
import java.util.List;

/**
 * Starts confined vats from bundles: verifies each bundle once (cached by its hash), loads it
 * in a class loader of its own per vat that sees only the bundle, the tamed JDK and Erg's
 * public API, and meters its work against {@link Limits}.
 */
public final class Confinement {

    private Confinement() {}

    /**
     * Verifies {@code bundle}, or finds it verified before.
     *
     * @throws BundleRejectedException with every violation, if it breaks the rules
     */
    public Bundle verify(Bundle bundle) throws BundleRejectedException {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Starts a new vat of {@code runtime} running {@code bundle}: the bundle's {@link VatEntry}
     * is given {@code args} in the vat's first turn, and the object it returns becomes the root,
     * reached through {@code root}.
     *
     * @throws BundleRejectedException if the bundle breaks the rules
     */
    public <T> ConfinedVat<T> spawn(VatRuntime runtime, String name, Bundle bundle, Class<T> root, List<Object> args)
            throws BundleRejectedException {
        throw new UnsupportedOperationException("not built yet");
    }
}
