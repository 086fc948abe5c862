package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.ConfinedVat;
import dev.erg.confine.Confinement;
import dev.erg.confine.Limits;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs bundles in confined vats of {@code runtime}, through a {@link Confinement} whose host
 * types are what the server's root makers register: their root interfaces and the records and
 * enums they pass. A bundle can implement and receive those, and nothing else of the host.
 * Verification and metering are done once per bundle, remembered by its hash.
 */
public final class ConfinedBundles implements BundleRunner {

    private final VatRuntime runtime;
    private final Confinement confinement;

    private ConfinedBundles(VatRuntime runtime, Confinement confinement) {
        this.runtime = runtime;
        this.confinement = confinement;
    }

    /** Confined vats of {@code runtime}, seeing the host types of {@code makers}, each spending at most {@code limits}. */
    public static ConfinedBundles of(VatRuntime runtime, RootMakers makers, Limits limits) {
        List<Class<?>> hostTypes = new ArrayList<>(makers.rootInterfaces());
        hostTypes.addAll(makers.passables());
        return new ConfinedBundles(runtime, Confinement.builder().hostTypes(hostTypes).limits(limits).build());
    }

    @Override
    public void verify(Bundle bundle) throws BundleRejectedException {
        confinement.verify(bundle);
    }

    @Override
    public Promise<Object> spawn(String vatName, Bundle bundle, Class<?> root, List<Object> args)
            throws BundleRejectedException {
        ConfinedVat<?> vat = confinement.spawn(runtime, vatName, bundle, root, args);
        @SuppressWarnings("unchecked") // A promise is only read from: one for any T is one for an Object.
        Promise<Object> answer = (Promise<Object>) vat.root();
        return answer;
    }
}
